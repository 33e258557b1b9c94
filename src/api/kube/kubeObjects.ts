import {
  type SlimEndpointSlice,
  type SlimMeta,
  type SlimObject,
  type SlimService,
  v1Pod,
} from '../../model/index.js';

/** An object as served (kind-less list item shape), with the metadata every kind has. */
export type KubeJson = Record<string, unknown> & { metadata: Record<string, unknown> };

/**
 * Object metadata as the API serves it, from the recorded (whitelisted) metadata: identity, the
 * recorded resourceVersion, timestamps, labels and the kept annotations. Owner references are not
 * served: only their kind and name are recorded, and a reference without uid and apiVersion is not one.
 */
export function kubeMeta(meta: SlimMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: meta.name,
    namespace: meta.namespace,
    uid: meta.uid,
    resourceVersion: meta.resourceVersion,
  };
  if (meta.createdAt) out.creationTimestamp = meta.createdAt;
  if (meta.deletedAt) out.deletionTimestamp = meta.deletedAt;
  if (Object.keys(meta.labels).length > 0) out.labels = meta.labels;
  if (Object.keys(meta.annotations).length > 0) out.annotations = meta.annotations;
  return out;
}

/** A v1 Service from the recorded one: spec only (status, e.g. load-balancer ingress, is not recorded). */
export function kubeService(s: SlimService): KubeJson {
  const spec: Record<string, unknown> = { type: s.type };
  if (s.selector !== null) spec.selector = s.selector;
  if (s.clusterIP !== null) spec.clusterIP = s.clusterIP;
  if (s.clusterIPs.length > 0) spec.clusterIPs = s.clusterIPs;
  if (s.ipFamilies.length > 0) spec.ipFamilies = s.ipFamilies;
  if (s.ports.length > 0)
    spec.ports = s.ports.map((p) => ({
      ...(p.name !== null ? { name: p.name } : {}),
      protocol: p.protocol,
      ...(p.appProtocol !== null ? { appProtocol: p.appProtocol } : {}),
      port: p.port,
      ...(p.targetPort !== null ? { targetPort: p.targetPort } : {}),
      ...(p.nodePort !== null ? { nodePort: p.nodePort } : {}),
    }));
  if (s.publishNotReadyAddresses) spec.publishNotReadyAddresses = true;
  if (s.externalName !== null) spec.externalName = s.externalName;
  return { metadata: kubeMeta(s.meta), spec };
}

const omitNull = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/** A discovery.k8s.io/v1 EndpointSlice from the recorded one (unset conditions stay unset, unnamed ports are named ""). */
export function kubeEndpointSlice(s: SlimEndpointSlice): KubeJson {
  return {
    metadata: kubeMeta(s.meta),
    addressType: s.addressType,
    endpoints: s.endpoints.map((e) =>
      omitNull({
        addresses: e.addresses,
        conditions: omitNull({ ...e.conditions }),
        hostname: e.hostname,
        targetRef: e.targetRef === null ? null : omitNull({ ...e.targetRef }),
        nodeName: e.nodeName,
        zone: e.zone,
      }),
    ),
    // the controllers always set a port's name, "" when unnamed, and clients dereference it
    // (kubectl describe service does): an unnamed port is served as "", as the API server does
    ports: s.ports.map((p) => omitNull({ ...p, name: p.name ?? '' })),
  };
}

/** A v1 Pod from the recorded one (the CLI's own `-o yaml` form, with the recorded resourceVersion). */
export function kubePod(object: SlimObject & { kind: 'Pod' }): KubeJson {
  const { apiVersion: _a, kind: _k, ...rest } = v1Pod(object);
  return rest as KubeJson;
}

/**
 * A Namespace that held recorded objects at the moment asked. Namespaces themselves are not recorded:
 * only the name is known (no uid, creation time or phase, which stay absent rather than guessed).
 */
export function kubeNamespace(name: string): KubeJson {
  return { metadata: { name } };
}

/** The served form (list-item shape: no kind/apiVersion) of a recorded Pod, Service or EndpointSlice. */
export function kubeObject(object: SlimObject): KubeJson {
  switch (object.kind) {
    case 'Pod':
      return kubePod(object);
    case 'Service':
      return kubeService(object);
    case 'EndpointSlice':
      return kubeEndpointSlice(object);
    case 'Endpoints':
      throw new Error('v1 Endpoints are served as rebuilt by the query layer, not converted one by one');
  }
}
