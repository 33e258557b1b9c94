import type pg from 'pg';
import type { SimStore } from '../../src/sim/index.js';
import { rfc3339 } from '../../src/sim/objects/time.js';
import type { FreshnessResult } from './measureFreshness.js';
import { type PodModel, podJson } from './objects.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One simulated cluster of the fleet and the name its recorder writes (`--cluster-name`). */
export interface FleetMember {
  cluster: string;
  store: SimStore;
  models: PodModel[];
}

/** Every event stored after each cluster's last position seen: one query for the whole fleet. */
const NEW_EVENTS = `SELECT l.name AS cluster, e.position, o.kind, o.uid, e.resource_version AS rv
  FROM unnest($1::text[], $2::bigint[]) AS l(name, after)
  JOIN clusters c ON c.name = l.name
  JOIN events e ON e.cluster_id = c.cluster_id AND e.position > l.after
  JOIN objects o ON o.cluster_id = e.cluster_id AND o.id = e.object_id`;

/**
 * measureFreshness for a fleet recorded into one PostgreSQL database: flips the readiness of pods
 * in every member's API server at `perSecond` changes a second each (paced by the clock) for
 * `durationMs`, and times each change until a reader connection (`client`) sees the pod's new
 * resourceVersion stored for that cluster. Reads the events each recorder committed since the last
 * look (positions grow in commit order within a cluster), all clusters in one query every 5 ms.
 */
export async function measureFleetFreshness(options: {
  members: readonly FleetMember[];
  client: pg.Client;
  perSecond: number;
  durationMs: number;
}): Promise<Map<string, FreshnessResult & { unseen: number }>> {
  const { members, client, perSecond, durationMs } = options;
  const names = members.map((m) => m.cluster);
  const after = new Map<string, number>(
    (
      await client.query<{ name: string; max: string | number | null }>(
        `SELECT c.name, MAX(e.position) AS max FROM clusters c LEFT JOIN events e ON e.cluster_id = c.cluster_id
          WHERE c.name = ANY($1) GROUP BY c.name`,
        [names],
      )
    ).rows.map((r) => [r.name, Number(r.max ?? 0)]),
  );
  const state = members.map((m) => ({
    member: m,
    lags: [] as number[],
    writes: 0,
    next: 0,
    pending: new Map<string, { t0: number; rv: string }>(),
  }));
  const byCluster = new Map(state.map((s) => [s.member.cluster, s]));
  const start = performance.now();
  // after the churn, the changes still in flight are waited for (5 s at most): a recorder falling
  // behind shows in the lags instead of leaving its slowest changes out
  const inFlight = () => state.some((s) => s.pending.size > 0);
  let elapsedMs = Number.NaN;
  while (
    performance.now() - start < durationMs ||
    (inFlight() && performance.now() - start < durationMs + 5000)
  ) {
    const churning = performance.now() - start < durationMs;
    if (!churning && Number.isNaN(elapsedMs)) elapsedMs = performance.now() - start;
    const due = churning ? Math.floor(((performance.now() - start) / 1000) * perSecond) : 0;
    for (const s of state) {
      for (; s.writes < due; s.writes++) {
        const p = s.member.models[(s.next++ * 7919) % s.member.models.length]!;
        p.ready = !p.ready;
        p.readySince = rfc3339(Date.now());
        const written = s.member.store.put('Pod', podJson(p, 0));
        s.pending.set(p.uid, { t0: performance.now(), rv: written.metadata.resourceVersion });
      }
    }
    await sleep(5);
    const { rows } = await client.query<{
      cluster: string;
      position: string | number;
      kind: string;
      uid: string;
      rv: string;
    }>(NEW_EVENTS, [names, names.map((n) => after.get(n) ?? 0)]);
    const seenAt = performance.now();
    for (const r of rows) {
      const position = Number(r.position);
      if (position > (after.get(r.cluster) ?? 0)) after.set(r.cluster, position);
      if (r.kind !== 'Pod') continue;
      const s = byCluster.get(r.cluster)!;
      const w = s.pending.get(r.uid);
      if (w?.rv === r.rv) {
        s.lags.push(seenAt - w.t0);
        s.pending.delete(r.uid);
      }
    }
  }
  if (Number.isNaN(elapsedMs)) elapsedMs = performance.now() - start;
  return new Map(
    state.map((s) => [
      s.member.cluster,
      { lags: s.lags.sort((a, b) => a - b), writes: s.writes, elapsedMs, unseen: s.pending.size },
    ]),
  );
}
