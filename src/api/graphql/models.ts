import type { EndpointAddressOut, EndpointSetOut, EndpointsDiffOut, ServiceOut } from '../../query/index.js';

/** An address with the moment and cluster it was read at, so `pod` resolves the pod at that moment. */
export interface AddressModel extends EndpointAddressOut {
  cluster: string | null;
  at: number;
}

/** A service with the moment it was asked about (null = now), the default of its `at` fields. */
export interface ServiceModel extends ServiceOut {
  at: number | null;
}

export const addressesAt = (
  list: readonly EndpointAddressOut[],
  cluster: string | null,
  at: number,
): AddressModel[] => list.map((a) => ({ ...a, cluster, at }));

export function endpointSetModel(set: EndpointSetOut): EndpointSetOut {
  return {
    ...set,
    addresses: addressesAt(set.addresses, set.cluster, set.at),
    notReadyAddresses: addressesAt(set.notReadyAddresses, set.cluster, set.at),
  };
}

/** Added addresses are described at `to`, removed ones at `from` (when they were there). */
export function diffModel(diff: EndpointsDiffOut, cluster: string | null): EndpointsDiffOut {
  return {
    ...diff,
    added: addressesAt(diff.added, cluster, diff.to),
    removed: addressesAt(diff.removed, cluster, diff.from),
  };
}
