import { AbortedError } from './errors.js';

/**
 * The one request a reflector has in flight. Each request gets its own controller, linked to the
 * recorder's stop signal, so a write failure can abort just this request and ending it detaches it
 * from `stop` (a long-running recorder must not collect one listener per request).
 */
export class CurrentRequest {
  private current: AbortController | null = null;
  private readonly stopListeners = new Map<AbortController, () => void>();

  /** A controller for the next request, becoming the current one; aborted with `stopped` when `stop` fires. */
  link(stop: AbortSignal): AbortController {
    const ac = new AbortController();
    this.current = ac;
    const onStop = (): void => ac.abort(new AbortedError('stopped'));
    this.stopListeners.set(ac, onStop);
    stop.addEventListener('abort', onStop, { once: true });
    return ac;
  }

  /** The request of `ac` ended: detaches it from `stop`; no request is current unless a newer one is. */
  unlink(stop: AbortSignal, ac: AbortController): void {
    const onStop = this.stopListeners.get(ac);
    if (onStop !== undefined) stop.removeEventListener('abort', onStop);
    this.stopListeners.delete(ac);
    if (this.current === ac) this.current = null;
  }

  /** Aborts the current request, if any, with `reason`. */
  abort(reason: Error): void {
    this.current?.abort(reason);
  }
}
