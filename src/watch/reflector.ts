import type { KindHealth } from '../model/health.js';
import { Backoff } from './backoff.js';
import { AbortedError } from './errors.js';
import { type LoopState, type RetryPlan, recordFailure } from './recordFailure.js';
import { type ReflectorDeps, ReflectorState } from './reflectorState.js';
import { snapshotThenWatch } from './snapshotThenWatch.js';
import { watchOnce } from './watchOnce.js';
import type { WatchStreamResult } from './watchStream.js';

export type { ReflectorDeps } from './reflectorState.js';

/**
 * List-then-watch for one kind in one scope, forever: see classifyFailure for the error policy and
 * DESIGN "Coverage" for what is recorded. Everything it learns goes through the shared BatchWriter,
 * events and the cursor that follows them in the same unit.
 */
export class Reflector {
  readonly health: KindHealth;
  private readonly s: ReflectorState;

  constructor(d: ReflectorDeps) {
    this.s = new ReflectorState(d);
    this.health = this.s.health;
  }

  /**
   * The writer lost a batch with our events, the first observed at `lostSince`: drop what follows,
   * end coverage there, and resume from the persisted cursor.
   */
  writeFailed(lostSince: number): void {
    this.s.lostSince = Math.min(this.s.lostSince ?? lostSince, lostSince);
    this.s.discarding = true;
    this.s.request.abort(new AbortedError('write-failed'));
  }

  /**
   * Relists when there is no cursor, then watches, re-watches and relists as classifyFailure and the
   * periodic relist decide, until `stop` fires; the coverage is then closed with `shutdown`.
   */
  async run(stop: AbortSignal): Promise<void> {
    const s = this.s;
    const { options: o, clock } = s.d;
    const backoff = new Backoff({
      baseMs: o.backoffBaseMs,
      maxMs: o.backoffMaxMs,
      ...(clock.random === undefined ? {} : { random: clock.random }),
    });
    const loop: LoopState = {
      relistReason: s.rv === null ? 'initial' : null,
      failures: 0,
      answersAtFailure: s.d.reachability.answers,
      retriedAtOnce: false,
    };
    while (!stop.aborted) {
      // A write of ours failed while no request was in flight (during a wait): nothing aborted, so
      // handle it here, or every later event would be dropped unseen.
      if (s.discarding) {
        const retry = recordFailure(s, new AbortedError('write-failed'), loop, backoff);
        if (retry.waitMs > 0) await this.wait(retry, stop);
        continue;
      }
      let result: WatchStreamResult | null = null;
      const started = clock.now();
      try {
        if (loop.relistReason === null) result = await watchOnce(s, stop);
        else {
          const reason = loop.relistReason;
          result = await snapshotThenWatch(s, reason, stop, () => {
            loop.relistReason = null;
            loop.retriedAtOnce = false;
          });
          if (result === null) continue;
        }
      } catch (error) {
        if (stop.aborted) break;
        if (error instanceof AbortedError && error.message === 'periodic-relist') {
          loop.relistReason = 'periodic';
          continue;
        }
        const retry = recordFailure(s, error, loop, backoff);
        if (retry.waitMs > 0) await this.wait(retry, stop);
        continue;
      }
      // Clean end of the body: the server's timeout. Re-watch at once unless it was suspiciously short.
      s.breakCoverage('eof');
      s.countRestart('eof');
      if (result.lines === 0 && clock.now() - started < o.shortWatchMs) {
        loop.failures += 1;
        await clock.sleep(backoff.next(), stop);
      } else {
        loop.failures = 0;
        loop.retriedAtOnce = false;
        backoff.reset();
      }
    }
    s.breakCoverage('shutdown');
    s.health.state = 'stopped';
  }

  /** Sleeps out a retry wait; one that waits for an unreachable server ends when the server answers anyone. */
  private async wait(retry: RetryPlan, stop: AbortSignal): Promise<void> {
    const { clock, reachability } = this.s.d;
    if (!retry.untilAnswer) {
      await clock.sleep(retry.waitMs, stop);
      return;
    }
    const early = reachability.untilAnswer(stop);
    try {
      await clock.sleep(retry.waitMs, early.signal);
    } finally {
      early.dispose();
    }
  }
}
