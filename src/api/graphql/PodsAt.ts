import type { EndpointAddressOut, History, PodOut } from '../../query/index.js';

/** The uid of the pod an address targets, or null when it targets none (or something else). */
export const targetPodUid = (a: EndpointAddressOut): string | null =>
  a.targetRef && (a.targetRef.kind ?? 'Pod') === 'Pod' ? a.targetRef.uid : null;

/**
 * The pods behind a list of addresses as they were at one moment, looked up together — one
 * `podsByUidAt` for the whole list, so 1,200 addresses cost one query, not 1,200. Loaded before the
 * addresses resolve when the query selects `pod` (`load`), so each address's `pod` is then a plain
 * lookup: a promise per address (or mercurius' `loaders`, which also serialise every address into a
 * cache key) cost more than the lookup itself. Asked without `load`, the first `pod` looks them up.
 */
export class PodsAt {
  private found: Map<string, PodOut> | null = null;
  private pending: Promise<Map<string, PodOut>> | null = null;

  constructor(
    private readonly history: History,
    readonly cluster: string | null,
    readonly at: number,
    private readonly addresses: readonly (readonly EndpointAddressOut[])[],
  ) {}

  /** Looks the pods up now. */
  async load(): Promise<this> {
    this.found = await this.lookUp();
    return this;
  }

  /** The pod `address` targets as it was at `at`; null when none, or not alive then. */
  podOf(address: EndpointAddressOut): PodOut | null | Promise<PodOut | null> {
    const uid = targetPodUid(address);
    if (uid === null) return null;
    if (this.found !== null) return this.found.get(uid) ?? null;
    this.pending ??= this.lookUp();
    return this.pending.then((found) => found.get(uid) ?? null);
  }

  private lookUp(): Promise<Map<string, PodOut>> {
    const uids: string[] = [];
    for (const list of this.addresses)
      for (const a of list) {
        const uid = targetPodUid(a);
        if (uid !== null) uids.push(uid);
      }
    return this.history.podsByUidAt(this.cluster, uids, this.at);
  }
}
