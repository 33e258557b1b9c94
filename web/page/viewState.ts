import { parseTime } from '../../src/util/time.js';

/**
 * Everything the page shows, and so everything a shared link must carry: the cluster, the service
 * (`namespace/name`), the range as typed (`-1h` … `now` stays relative: the view follows the clock),
 * the selected moment and the IP searched for.
 */
export interface ViewState {
  cluster: string | null;
  service: string | null;
  from: string;
  to: string;
  at: number | null;
  ip: string | null;
}

export const DEFAULT_RANGE = { from: '-1h', to: 'now' } as const;

/** The quick ranges offered as buttons: the last 15 minutes, hour, 6 hours and day. */
export const QUICK_RANGES = ['15m', '1h', '6h', '24h'] as const;

export function readState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const at = p.get('at');
  const atMs = at === null ? null : Date.parse(at);
  return {
    cluster: p.get('cluster') || null,
    service: p.get('service') || null,
    from: p.get('from') || DEFAULT_RANGE.from,
    to: p.get('to') || DEFAULT_RANGE.to,
    at: atMs !== null && Number.isFinite(atMs) ? atMs : null,
    ip: p.get('ip') || null,
  };
}

export function writeState(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.cluster) p.set('cluster', s.cluster);
  if (s.service) p.set('service', s.service);
  p.set('from', s.from);
  p.set('to', s.to);
  if (s.at !== null) p.set('at', new Date(s.at).toISOString());
  if (s.ip) p.set('ip', s.ip);
  return `?${p.toString()}`;
}

/** The range in epoch ms against `now` (the server's clock); throws EPH_ERR_BAD_TIME on nonsense. */
export function resolveRange(s: ViewState, now: number): { from: number; to: number } {
  const to = Math.min(parseTime(s.to, now), now);
  const from = parseTime(s.from, now);
  return { from, to };
}

/** A range that ends at "now" follows the clock: new changes appear as they are recorded. */
export const isLive = (s: ViewState): boolean => s.to.trim() === 'now';

export function splitService(service: string): { namespace: string; name: string } | null {
  const i = service.indexOf('/');
  if (i <= 0 || i === service.length - 1) return null;
  return { namespace: service.slice(0, i), name: service.slice(i + 1) };
}
