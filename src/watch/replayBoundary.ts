const DECIMAL = /^\d+$/;

/**
 * Which events of a resumed watch are replays of what happened while it was disconnected. Right
 * before resuming, a `limit=1` list (resourceVersion unset: a consistent read) gives the server's
 * current resourceVersion, `head`, the storage revision at that moment (a list's resourceVersion is
 * the etcd revision at read time): every event
 * at or below it happened before the resume, somewhere in the gap; every event above it happened
 * after, and arrives live.
 *
 * resourceVersions are opaque by contract (equality is the only legal comparison), but a
 * kube-apiserver serves the etcd revision, one counter for all kinds, as a decimal integer. Two
 * decimal RVs are compared as numbers. Otherwise the replay ends at the event whose RV equals `head`
 * (if it is of this kind) and, without a head at all, every event counts as replayed: "somewhere in
 * the gap" is always true, only less precise.
 */
export class ReplayBoundary {
  private ended = false;

  constructor(private readonly head: string | null) {}

  /** Whether the event at `rv` (the next one of the stream, in order) is a replay. */
  isReplay(rv: string): boolean {
    if (this.ended) return false;
    const head = this.head;
    if (head === null) return true;
    if (DECIMAL.test(rv) && DECIMAL.test(head)) {
      if (BigInt(rv) <= BigInt(head)) return true;
      this.ended = true;
      return false;
    }
    if (rv === head) this.ended = true;
    return true;
  }
}
