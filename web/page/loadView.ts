import { getJson, gql } from './api.js';
import type { MemberState } from './palette.js';

/** One state of one endpoint over [from, to). */
export interface Segment {
  from: number;
  to: number;
  state: MemberState | string;
}

/** One row of the timeline: an endpoint (pod and IP) and its states over the range. */
export interface EndpointRow {
  pod: string;
  ip: string;
  segments: Segment[];
}

/** A time the answer is unsure of: a kind it depends on was not recorded. */
export interface Gap {
  from: number;
  to: number;
  /** e.g. `EndpointSlice: stream-broken`, several joined when kinds overlap. */
  reason: string;
}

export interface Outage {
  from: number;
  to: number;
  ongoing: boolean;
  complete: boolean;
}

/** The ready count from `t` on. */
export interface ReadyStep {
  t: number;
  ready: number;
}

export interface ViewData {
  from: number;
  to: number;
  source: string;
  rows: EndpointRow[];
  ready: ReadyStep[];
  outages: Outage[];
  gaps: Gap[];
}

interface MembershipRow {
  time: number;
  timeEnd: number;
  pod: string;
  ip: string;
  state: string;
}

interface RawOutage {
  from: string;
  to: string;
  ongoing: boolean;
  complete: boolean;
}

interface CoverageRow {
  kind: string;
  from: string | null;
  to: string | null;
  covered: boolean;
  reason: string | null;
}

const VIEW_QUERY = `query View($cluster: String, $namespace: String!, $name: String!, $from: DateTime!, $to: DateTime!) {
  service(cluster: $cluster, namespace: $namespace, name: $name) {
    outages(from: $from, to: $to) { from to ongoing complete }
    endpoints(at: $to) { source }
  }
  coverage(cluster: $cluster, from: $from, to: $to) { kind from to covered reason }
}`;

/** The kinds a service's membership answer depends on: the Service itself and its source kind. */
function kindsFor(source: string): Set<string> {
  if (source === 'ENDPOINT_SLICES') return new Set(['Service', 'EndpointSlice']);
  if (source === 'ENDPOINTS') return new Set(['Service', 'Endpoints']);
  return new Set(['Service', 'EndpointSlice', 'Endpoints']);
}

/**
 * Everything one view draws, in two requests made together: GraphQL for outages, the source and the
 * coverage, and the Grafana membership route for the intervals (one row per endpoint and state).
 */
export async function loadView(
  cluster: string | null,
  namespace: string,
  name: string,
  from: number,
  to: number,
): Promise<ViewData> {
  const [view, membership] = await Promise.all([
    gql<{
      service: { outages: RawOutage[]; endpoints: { source: string } } | null;
      coverage: CoverageRow[];
    }>(VIEW_QUERY, { cluster, namespace, name, from, to }),
    getJson<MembershipRow[]>('api/grafana/v1/membership', {
      cluster,
      service: `${namespace}/${name}`,
      from,
      to,
    }),
  ]);
  const source = view.service?.endpoints.source ?? 'NONE';
  const outages = (view.service?.outages ?? []).map((o) => ({
    from: Date.parse(o.from),
    to: Date.parse(o.to),
    ongoing: o.ongoing,
    complete: o.complete,
  }));
  const rows = toRows(membership);
  return {
    from,
    to,
    source,
    rows,
    ready: readySteps(rows, from),
    outages,
    gaps: gapsOf(view.coverage, kindsFor(source), from, to),
  };
}

/** Rows by endpoint (pod and IP), ordered by when they first appear, then by pod name. */
export function toRows(membership: readonly MembershipRow[]): EndpointRow[] {
  const rows = new Map<string, EndpointRow>();
  for (const m of membership) {
    const key = `${m.pod}\u0000${m.ip}`;
    let row = rows.get(key);
    if (!row) {
      row = { pod: m.pod, ip: m.ip, segments: [] };
      rows.set(key, row);
    }
    row.segments.push({ from: m.time, to: m.timeEnd, state: m.state });
  }
  const list = [...rows.values()];
  for (const r of list) r.segments.sort((a, b) => a.from - b.from);
  return list.sort(
    (a, b) =>
      a.segments[0]!.from - b.segments[0]!.from || a.pod.localeCompare(b.pod) || a.ip.localeCompare(b.ip),
  );
}

/** The number of ready endpoints as a step function from `from`, read off the rows that are drawn. */
export function readySteps(rows: readonly EndpointRow[], from: number): ReadyStep[] {
  const delta = new Map<number, number>();
  const add = (t: number, d: number) => delta.set(t, (delta.get(t) ?? 0) + d);
  for (const r of rows) {
    for (const s of r.segments) {
      if (s.state !== 'ready') continue;
      add(s.from, 1);
      add(s.to, -1);
    }
  }
  const steps: ReadyStep[] = [{ t: from, ready: 0 }];
  let ready = 0;
  for (const t of [...delta.keys()].sort((a, b) => a - b)) {
    ready += delta.get(t)!;
    const last = steps[steps.length - 1]!;
    if (last.t === t) last.ready = ready;
    else if (last.ready !== ready) steps.push({ t, ready });
  }
  return steps;
}

/** Not-covered intervals of the kinds that matter, clipped to the range, overlapping ones merged. */
export function gapsOf(
  coverage: readonly CoverageRow[],
  kinds: Set<string>,
  from: number,
  to: number,
): Gap[] {
  const raw = coverage
    .filter((c) => !c.covered && kinds.has(c.kind))
    .map((c) => ({
      from: Math.max(c.from === null ? from : Date.parse(c.from), from),
      to: Math.min(c.to === null ? to : Date.parse(c.to), to),
      reason: `${c.kind}: ${c.reason ?? 'not recorded'}`,
    }))
    .filter((g) => g.to > g.from)
    .sort((a, b) => a.from - b.from);
  const merged: Gap[] = [];
  for (const g of raw) {
    const last = merged[merged.length - 1];
    if (last && g.from <= last.to) {
      last.to = Math.max(last.to, g.to);
      if (!last.reason.split('; ').includes(g.reason)) last.reason += `; ${g.reason}`;
    } else merged.push({ ...g });
  }
  return merged;
}
