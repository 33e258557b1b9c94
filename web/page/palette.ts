/**
 * Membership states, drawn with colours from the Okabe–Ito palette (distinguishable with every common
 * colour-vision deficiency) and, as a second cue, with different bar heights: ready is a full bar,
 * not ready the thinnest.
 */
export const STATES = {
  ready: { color: '#0072B2', height: 1, label: 'ready' },
  serving: { color: '#CC79A7', height: 0.7, label: 'serving, not ready' },
  terminating: { color: '#E69F00', height: 0.7, label: 'terminating (still serving)' },
  'not-ready': { color: '#D55E00', height: 0.4, label: 'not ready' },
} as const;

export type MemberState = keyof typeof STATES;

/** A state the page does not know (a newer server may add one): drawn grey, labelled with its name. */
export const UNKNOWN_STATE = { color: '#767676', height: 0.55 } as const;

export const OUTAGE_FILL = 'rgba(213, 94, 0, 0.16)';
export const OUTAGE_EDGE = '#A33F00';
export const GAP_STROKE = '#595959';
export const AXIS = '#595959';
export const GRID = '#e3e3e3';
export const TEXT = '#1a1a1a';
export const CURSOR = '#000000';
export const SELECTION = 'rgba(0, 114, 178, 0.15)';
