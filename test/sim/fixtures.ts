import type { EndpointSliceJson, EndpointsJson, PodJson, SliceEndpointJson } from '../../src/kube/index.js';
import type { SimStore } from '../../src/sim/simStore.js';

/** A `sleep` that returns at once, so scenarios and cluster actions run without real waiting. */
export const noSleep = async (): Promise<void> => {};

export function getPod(store: SimStore, name: string): PodJson {
  return store.get('Pod', 'default', name) as unknown as PodJson;
}

export function endpointsOf(store: SimStore, name: string): EndpointsJson | undefined {
  return store.get('Endpoints', 'default', name) as unknown as EndpointsJson | undefined;
}

/** The slices of `service` in `default`, only those of `managedBy` when given. */
export function slicesOf(store: SimStore, service: string, managedBy?: string): EndpointSliceJson[] {
  return (store.list('EndpointSlice', 'default') as unknown as EndpointSliceJson[]).filter(
    (s) =>
      s.metadata.labels?.['kubernetes.io/service-name'] === service &&
      (managedBy === undefined ||
        s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === managedBy),
  );
}

/** Ready IPs of the Endpoints, in order. */
export function readyIPs(e: EndpointsJson | undefined): string[] {
  return (e?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
}

export function notReadyIPs(e: EndpointsJson | undefined): string[] {
  return (e?.subsets ?? []).flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip));
}

/** Every endpoint of the slices, slice after slice. */
export function allEndpoints(slices: EndpointSliceJson[]): SliceEndpointJson[] {
  return slices.flatMap((s) => s.endpoints ?? []);
}
