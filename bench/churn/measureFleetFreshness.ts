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

/**
 * The event rows each cluster stored after the last position seen: one query for the whole fleet,
 * an index range scan of each cluster's (cluster_id, position) key (LATERAL, so that the planner
 * never turns it into a scan of the whole log: at 200 polls a second it did, and the reader took a
 * third of a core from the server it measures).
 */
const NEW_EVENTS = `SELECT l.cluster_id, x.position, x.object_id, x.resource_version AS rv
  FROM unnest($1::bigint[], $2::bigint[]) AS l(cluster_id, after)
  CROSS JOIN LATERAL (SELECT e.position, e.object_id, e.resource_version FROM events e
    WHERE e.cluster_id = l.cluster_id AND e.position > l.after ORDER BY e.position LIMIT 100000) x`;

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
  // each cluster's id, last position, and its pods' object ids (every churned pod was listed before)
  const clusters = (
    await client.query<{ id: string | number; name: string; max: string | number | null }>(
      `SELECT c.cluster_id AS id, c.name, (SELECT MAX(e.position) FROM events e WHERE e.cluster_id = c.cluster_id) AS max
        FROM clusters c WHERE c.name = ANY($1)`,
      [members.map((m) => m.cluster)],
    )
  ).rows;
  const uidOf = new Map<number, string>();
  for (const r of (
    await client.query<{ id: string | number; uid: string }>(
      `SELECT o.id, o.uid FROM objects o JOIN clusters c ON c.cluster_id = o.cluster_id
        WHERE c.name = ANY($1) AND o.kind = 'Pod'`,
      [members.map((m) => m.cluster)],
    )
  ).rows)
    uidOf.set(Number(r.id), r.uid);
  const ids = clusters.map((c) => Number(c.id));
  const after = new Map(clusters.map((c) => [Number(c.id), Number(c.max ?? 0)]));
  const state = members.map((m) => ({
    member: m,
    lags: [] as number[],
    writes: 0,
    next: 0,
    pending: new Map<string, { t0: number; rv: string }>(),
  }));
  const byId = new Map(clusters.map((c) => [Number(c.id), state.find((s) => s.member.cluster === c.name)!]));
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
      cluster_id: string | number;
      position: string | number;
      object_id: string | number;
      rv: string;
    }>(NEW_EVENTS, [ids, ids.map((id) => after.get(id)!)]);
    const seenAt = performance.now();
    for (const r of rows) {
      const id = Number(r.cluster_id);
      const position = Number(r.position);
      if (position > after.get(id)!) after.set(id, position);
      const uid = uidOf.get(Number(r.object_id));
      if (uid === undefined) continue; // not a pod
      const s = byId.get(id)!;
      const w = s.pending.get(uid);
      if (w?.rv === r.rv) {
        s.lags.push(seenAt - w.t0);
        s.pending.delete(uid);
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
