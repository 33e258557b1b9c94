/**
 * The state-timeline vocabulary of one endpoint; `unknown` = not recorded (a gap of the Service kind
 * or of the source kind): the endpoint's state then is not known, whatever it was before.
 */
export const MEMBER_STATES = ['ready', 'serving', 'terminating', 'not-ready', 'unknown'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

/**
 * One state per endpoint from its three conditions: `ready`; else `terminating` (shutting down,
 * maybe still serving); else `serving` (not ready but serving, e.g. publishNotReadyAddresses);
 * else `not-ready`.
 */
export function memberState(c: { ready: boolean; serving: boolean; terminating: boolean }): MemberState {
  if (c.ready) return 'ready';
  if (c.terminating) return 'terminating';
  if (c.serving) return 'serving';
  return 'not-ready';
}

/** How an endpoint is shown: its pod's name, or its IP when it points at no pod (selector-less). */
export const podLabel = (ip: string, targetRef: { name: string } | null): string => targetRef?.name ?? ip;
