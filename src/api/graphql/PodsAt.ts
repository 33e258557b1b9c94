import type { EndpointAddressOut, History, PodOut } from '../../query/index.js';

/** The uid of the pod an address targets, or null when it targets none (or something else). */
export const targetPodUid = (a: EndpointAddressOut): string | null =>
  a.targetRef && (a.targetRef.kind ?? 'Pod') === 'Pod' ? a.targetRef.uid : null;

/**
 * The pods behind a list of addresses as they were at one moment, looked up together — one
 * `podsByUidAt` for the whole list, so 1,200 addresses cost one query, not 1,200 — on the first
 * `pod` asked. Synchronous on purpose: a loader (mercurius' `loaders`) batches across the request but
 * hands every address a promise and serialises every address into its cache key, which cost more
 * than the lookup itself.
 */
export class PodsAt {
  private found: Map<string, PodOut> | null = null;

  constructor(
    private readonly history: History,
    readonly cluster: string | null,
    readonly at: number,
    private readonly addresses: readonly (readonly EndpointAddressOut[])[],
  ) {}

  /** The pod `address` targets as it was at `at`; null when none, or not alive then. */
  podOf(address: EndpointAddressOut): PodOut | null {
    const uid = targetPodUid(address);
    if (uid === null) return null;
    this.found ??= this.lookUp();
    return this.found.get(uid) ?? null;
  }

  private lookUp(): Map<string, PodOut> {
    const uids: string[] = [];
    for (const list of this.addresses)
      for (const a of list) {
        const uid = targetPodUid(a);
        if (uid !== null) uids.push(uid);
      }
    return this.history.podsByUidAt(this.cluster, uids, this.at);
  }
}
