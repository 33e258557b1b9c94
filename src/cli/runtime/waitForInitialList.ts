import type { HealthReport, KindState } from '../../watch/index.js';

export interface InitialListOptions {
  /** Give up waiting (the recorder keeps going) after this long; default 120 s. */
  timeoutMs?: number;
  /** Called with a short status whenever the per-kind states change. */
  onProgress?: (status: string) => void;
  signal?: AbortSignal;
  pollMs?: number;
}

/** How waiting ended: every kind past its first list, or still listing at the deadline. */
export interface InitialListResult {
  done: boolean;
  report: HealthReport;
}

const SETTLED: ReadonlySet<KindState> = new Set(['watching', 'unavailable', 'forbidden']);

/**
 * Waits until every kind has finished its first list (watching, or settled as not served / forbidden,
 * which the recorder reports and retries on its own), polling the recorder's health; gives up at once
 * when the recorder's thread has died.
 */
export async function waitForInitialList(
  recorder: { health(): HealthReport },
  options: InitialListOptions = {},
): Promise<InitialListResult> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let last = '';
  for (;;) {
    const report = recorder.health();
    const states = Object.entries(report.kinds).map(([kind, h]) => `${kind} ${h?.state ?? '?'}`);
    const done = states.length > 0 && Object.values(report.kinds).every((h) => h && SETTLED.has(h.state));
    const status = states.join(', ');
    if (status !== last) options.onProgress?.(status);
    last = status;
    const died = report.thread !== undefined && report.thread.state === 'exited';
    if (done || died || Date.now() >= deadline || options.signal?.aborted) return { done, report };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}
