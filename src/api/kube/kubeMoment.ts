import { ephError } from '../../errors/index.js';
import { formatTime, parseTimeInput } from '../../util/time.js';

/** Where the kube API is mounted: `/kube/clusters/{cluster}/at/{time}[/speed/{n}]/api/v1/…`. */
export const KUBE_PREFIX = '/kube';

/** Most a replay can be sped up: beyond it the pacing is below a timer's resolution anyway. */
export const MAX_REPLAY_SPEED = 1_000_000;

/** The moment a kube URL names: a fixed instant, or `now` (the present, resolved per request). */
export type KubeMoment = { at: number } | { live: true };

/**
 * The time segment of a kube URL: RFC 3339 or epoch milliseconds (a fixed moment), or `now` (the
 * present, following live changes). A relative time (`-2h`) is refused: a path would then move with
 * every request; `endpoints-history kubeconfig --at -2h` fixes it once.
 */
export function parseKubeMoment(text: string): KubeMoment {
  const input = parseTimeInput(text);
  if ('absolute' in input) return { at: input.absolute };
  if (input.fromNow === 0 && text.trim() === 'now') return { live: true };
  throw ephError(
    'EPH_ERR_BAD_TIME',
    `bad time "${text}" in the kube API path: use RFC 3339, epoch milliseconds or now (a relative time would move with every request; \`endpoints-history kubeconfig --at ${text}\` fixes it)`,
    { input: text },
  );
}

/** The replay speed of a `speed/{n}` path segment: a positive number up to MAX_REPLAY_SPEED. */
export function parseReplaySpeed(text: string): number {
  const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(n > 0 && n <= MAX_REPLAY_SPEED))
    throw ephError(
      'EPH_ERR_BAD_ARGUMENT',
      `bad replay speed "${text}": use a positive number up to ${MAX_REPLAY_SPEED} (10 replays ten times faster)`,
      { speed: text },
    );
  return n;
}

/**
 * The server URL of the kube API for one cluster at one moment (what a kubeconfig's `server:` holds):
 * `base` (scheme, host, port, and a path prefix if the API sits behind one) + the prefix.
 */
export function kubeServerUrl(base: string, cluster: string, moment: KubeMoment, speed?: number): string {
  const time = 'live' in moment ? 'now' : formatTime(moment.at);
  const replay = speed === undefined || speed === 1 ? '' : `/speed/${speed}`;
  return `${base.replace(/\/+$/, '')}${KUBE_PREFIX}/clusters/${encodeURIComponent(cluster)}/at/${time}${replay}`;
}
