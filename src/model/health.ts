import type { Kind } from './types.js';

/*
 * The recorder's health report: what src/watch produces and /healthz (src/api), the recorder thread's
 * messages and `run`'s start-up wait (src/cli/runtime) read. Plain data, so that it crosses a thread
 * boundary and so that readers need not import the recorder.
 */

/** What one kind's stream is doing. */
export const KIND_STATES = ['listing', 'watching', 'backoff', 'forbidden', 'unavailable', 'stopped'] as const;
export type KindState = (typeof KIND_STATES)[number];

export interface KindHealth {
  state: KindState;
  /** Epoch ms of the last event (or bookmark) received. */
  lastEventAt: number | null;
  lastError: string | null;
  watchRestarts: number;
  relists: number;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'starting';
  /** Epoch ms when the recorder started. */
  startedAt: number | null;
  kinds: Partial<Record<Kind, KindHealth>>;
  /** Whether the database takes writes (absent: not known, e.g. a report built elsewhere). */
  storage?: StorageHealth;
  /**
   * When the recorder runs on a thread of its own (`run`, `demo`), that thread as the serving thread
   * sees it: `running` while it reports, `unresponsive` when it has been silent too long, `exited`
   * once it died. The kinds above are its last report.
   */
  thread?: RecorderThreadHealth;
}

/** The store's side of health: while appends fail, nothing is being recorded. */
export interface StorageHealth {
  ok: boolean;
  /** Epoch ms of the first failed append of the current run of failures. */
  failingSince: number | null;
  lastError: string | null;
}

export interface RecorderThreadHealth {
  state: 'running' | 'unresponsive' | 'exited';
  /** Epoch ms of the thread's last report. */
  lastReportAt: number | null;
  /** Why it exited. */
  error?: string;
}
