import { type AddressPortEntry, repackSubsets } from '../../kube/repackSubsets.js';
import type {
  EndpointAddressJson,
  EndpointPortJson,
  EndpointSubsetJson,
  PodJson,
  ServiceJson,
} from '../../kube/types.js';
import {
  findPort,
  isHeadless,
  isPodReady,
  podIPOfFamily,
  podTargetRef,
  primaryFamily,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './podRules.js';
import { truncateEndpoints } from './truncateEndpoints.js';

/**
 * The subsets the Endpoints controller wants for a service with a selector, given the pods matching
 * it (kube's endpoints controller): non-terminal pods with an IP of the service's primary family and no
 * deletionTimestamp (unless publishNotReadyAddresses); Ready (or publishNotReadyAddresses) →
 * `addresses`, else `notReadyAddresses`; ports resolved per pod from targetPort; repacked, sorted and
 * truncated at `maxCapacity`.
 */
export function computeEndpoints(
  svc: ServiceJson,
  pods: Iterable<PodJson>,
  maxCapacity: number,
): { subsets: EndpointSubsetJson[]; truncated: boolean } {
  const publishNotReady = svc.spec.publishNotReadyAddresses === true;
  const family = primaryFamily(svc);
  const servicePorts = svc.spec.ports ?? [];
  const entries: AddressPortEntry[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ip = podIPOfFamily(pod, family);
    if (!ip) continue;
    const address: EndpointAddressJson = { ip };
    if (shouldSetHostname(pod, svc)) address.hostname = pod.spec.hostname as string;
    address.nodeName = pod.spec.nodeName ?? '';
    address.targetRef = podTargetRef(pod);
    const ready = publishNotReady || isPodReady(pod);
    if (servicePorts.length === 0) {
      if (isHeadless(svc)) entries.push({ address, ready, port: null });
      continue;
    }
    for (const sp of servicePorts) {
      const portNum = findPort(pod, sp);
      if (portNum === undefined) continue;
      const port = {} as EndpointPortJson;
      if (sp.name) port.name = sp.name;
      port.port = portNum;
      port.protocol = sp.protocol ?? 'TCP';
      if (sp.appProtocol) port.appProtocol = sp.appProtocol;
      entries.push({ address, ready, port });
    }
  }
  return truncateEndpoints(repackSubsets(entries), maxCapacity);
}
