import { ipFamilyOf } from './ip/ipFamilyOf.js';
import { type AddressPortEntry, repackSubsets } from './repackSubsets.js';
import type { EndpointAddressJson, EndpointSubsetJson, IPFamily } from './types.js';

/** A v1 Endpoints object as the API would serve it (the fields we know). */
export interface V1Endpoints {
  apiVersion: 'v1';
  kind: 'Endpoints';
  metadata: {
    name: string;
    namespace: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  subsets?: EndpointSubsetJson[];
}

/** One address of an endpoint set at some moment, as the Endpoints controller would read it. */
export interface EndpointAddressState {
  ip: string;
  hostname: string | null;
  nodeName: string | null;
  ready: boolean;
  terminating: boolean;
  targetRef: { kind: string | null; namespace: string | null; name: string; uid: string | null } | null;
  ports: readonly { name: string | null; port: number; protocol: string; appProtocol: string | null }[];
}

/** A service's endpoint set at some moment (a query's answer satisfies it). */
export interface EndpointSetState {
  namespace: string;
  service: string;
  addresses: readonly EndpointAddressState[];
  notReadyAddresses: readonly EndpointAddressState[];
}

/** The metadata of the Endpoints object recorded at the same moment, when there is one. */
export interface RecordedEndpointsMeta {
  meta: {
    uid: string;
    resourceVersion: string | null;
    createdAt: string | null;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
}

function addressJson(a: EndpointAddressState): EndpointAddressJson {
  const out: EndpointAddressJson = { ip: a.ip };
  if (a.hostname) out.hostname = a.hostname;
  if (a.nodeName) out.nodeName = a.nodeName;
  if (a.targetRef) {
    out.targetRef = { kind: a.targetRef.kind ?? 'Pod', name: a.targetRef.name };
    if (a.targetRef.namespace) out.targetRef.namespace = a.targetRef.namespace;
    if (a.targetRef.uid) out.targetRef.uid = a.targetRef.uid;
  }
  return out;
}

/**
 * The v1 Endpoints object of an endpoint set, packed as the Endpoints controller packs it
 * (`RepackSubsets`: addresses grouped by identical port sets, sorted). Terminating addresses that are
 * not ready are left out, as the Endpoints controller leaves terminating pods out. Metadata comes from
 * the recorded Endpoints object at the same T when there is one (labels, whitelisted annotations,
 * creationTimestamp), else only name and namespace. Only addresses of the service's primary IP family
 * are kept (`family`), as the Endpoints controller does for dual-stack services. Unlike a real
 * Endpoints object, more than 1000 addresses are not truncated: the answer is the full set.
 */
export function v1Endpoints(
  set: EndpointSetState,
  recorded: RecordedEndpointsMeta | null,
  service: { createdAt: string | null; family: IPFamily | null },
): V1Endpoints {
  const entries = [...set.addresses, ...set.notReadyAddresses]
    .filter(
      (a) => (a.ready || !a.terminating) && (service.family === null || ipFamilyOf(a.ip) === service.family),
    )
    .flatMap((a): AddressPortEntry[] => {
      const address = addressJson(a);
      if (a.ports.length === 0) return [{ address, ready: a.ready, port: null }];
      return a.ports.map((p) => ({
        address,
        ready: a.ready,
        port: {
          ...(p.name ? { name: p.name } : {}),
          port: p.port,
          protocol: p.protocol,
          ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
        },
      }));
    });
  const metadata: V1Endpoints['metadata'] = { name: set.service, namespace: set.namespace };
  const created = recorded?.meta.createdAt ?? service.createdAt;
  if (created) metadata.creationTimestamp = created;
  if (recorded) {
    metadata.uid = recorded.meta.uid;
    if (recorded.meta.resourceVersion) metadata.resourceVersion = recorded.meta.resourceVersion;
    if (Object.keys(recorded.meta.labels).length > 0) metadata.labels = recorded.meta.labels;
    if (Object.keys(recorded.meta.annotations).length > 0) metadata.annotations = recorded.meta.annotations;
  }
  const subsets = repackSubsets(entries);
  return { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(subsets.length > 0 ? { subsets } : {}) };
}
