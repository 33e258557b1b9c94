import type {
  EndpointAddressOut,
  EndpointSetOut,
  EndpointsDiffOut,
  History,
  ServiceOut,
} from '../../query/index.js';
import { PodsAt } from './PodsAt.js';

/** An address with the lookup of its list's pods at the moment it was read (for `pod`). */
export interface AddressModel extends EndpointAddressOut {
  pods: PodsAt;
}

/** A service with the moment it was asked about (null = now), the default of its `at` fields. */
export interface ServiceModel extends ServiceOut {
  at: number | null;
}

/** Gives each address its list's lookup; the addresses are the query's own fresh objects. */
function withPods(list: readonly EndpointAddressOut[], pods: PodsAt): AddressModel[] {
  for (const a of list) (a as AddressModel).pods = pods;
  return list as AddressModel[];
}

/** Ready and not-ready addresses share one pod lookup, at the set's moment. */
export function endpointSetModel(history: History, set: EndpointSetOut): EndpointSetOut {
  const pods = new PodsAt(history, set.cluster, set.at, [set.addresses, set.notReadyAddresses]);
  return {
    ...set,
    addresses: withPods(set.addresses, pods),
    notReadyAddresses: withPods(set.notReadyAddresses, pods),
  };
}

/** Added addresses are described at `to`, removed ones at `from` (when they were there). */
export function diffModel(
  history: History,
  diff: EndpointsDiffOut,
  cluster: string | null,
): EndpointsDiffOut {
  return {
    ...diff,
    added: withPods(diff.added, new PodsAt(history, cluster, diff.to, [diff.added])),
    removed: withPods(diff.removed, new PodsAt(history, cluster, diff.from, [diff.removed])),
  };
}
