/**
 * The vocabulary of the event log: what kinds we record, how a change reached us, and the slim,
 * whitelisted shape of each object we store. Everything here is data; no I/O.
 */

export const KINDS = ['Pod', 'Service', 'Endpoints', 'EndpointSlice'] as const;
export type Kind = (typeof KINDS)[number];

export const EVENT_TYPES = ['ADDED', 'MODIFIED', 'DELETED'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * `watch` = seen live; `relist` = inferred by diffing a relist against stored state; `import` = loaded
 * from elsewhere. Nothing writes `import` yet: it is in the schema's CHECK so that moving a history
 * between stores (issue 14's `copy`) needs no migration.
 */
export const EVENT_SOURCES = ['watch', 'relist', 'import'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export interface ObjectRef {
  kind: string | null;
  namespace: string | null;
  name: string;
  uid: string | null;
}

export interface SlimMeta {
  uid: string;
  namespace: string;
  name: string;
  resourceVersion: string;
  /** Sorted by key so that the serialised form (and its hash) is stable. */
  labels: Record<string, string>;
  /** Only the annotations in ANNOTATION_WHITELIST. */
  annotations: Record<string, string>;
  ownerKind: string | null;
  ownerName: string | null;
  /** RFC 3339 as the API server wrote it. */
  createdAt: string | null;
  deletedAt: string | null;
}

export interface SlimContainerPort {
  name: string | null;
  containerPort: number;
  protocol: string;
}

export interface SlimPodCondition {
  type: string;
  status: string;
  lastTransitionTime: string | null;
  reason: string | null;
}

export interface SlimContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  /** `running`, `waiting:<reason>`, `terminated:<reason>` or null. */
  state: string | null;
}

export interface SlimPod {
  kind: 'Pod';
  meta: SlimMeta;
  nodeName: string | null;
  hostNetwork: boolean;
  hostname: string | null;
  subdomain: string | null;
  containers: { name: string; ports: SlimContainerPort[] }[];
  phase: string | null;
  /** Canonical IPs, primary first (status.podIPs, or status.podIP on old servers). */
  podIPs: string[];
  hostIP: string | null;
  conditions: SlimPodCondition[];
  containerStatuses: SlimContainerStatus[];
}

export interface SlimServicePort {
  name: string | null;
  protocol: string;
  port: number;
  /** int or named port, as written in the spec. */
  targetPort: number | string | null;
  nodePort: number | null;
  appProtocol: string | null;
}

export interface SlimService {
  kind: 'Service';
  meta: SlimMeta;
  type: string;
  /** null = selector-less service. */
  selector: Record<string, string> | null;
  clusterIP: string | null;
  clusterIPs: string[];
  ipFamilies: string[];
  ports: SlimServicePort[];
  publishNotReadyAddresses: boolean;
  externalName: string | null;
}

export interface SlimEndpointAddress {
  ip: string;
  hostname: string | null;
  nodeName: string | null;
  targetRef: ObjectRef | null;
}

export interface SlimEndpointPort {
  name: string | null;
  port: number;
  protocol: string;
  appProtocol: string | null;
}

export interface SlimEndpointSubset {
  addresses: SlimEndpointAddress[];
  notReadyAddresses: SlimEndpointAddress[];
  ports: SlimEndpointPort[];
}

export interface SlimEndpoints {
  kind: 'Endpoints';
  meta: SlimMeta;
  subsets: SlimEndpointSubset[];
}

export interface SlimSliceConditions {
  /** null = unset (the API says: interpret as ready / defer to ready / not terminating). */
  ready: boolean | null;
  serving: boolean | null;
  terminating: boolean | null;
}

export interface SlimSliceEndpoint {
  /** Canonical IPs (FQDN slices keep the name as written). */
  addresses: string[];
  conditions: SlimSliceConditions;
  hostname: string | null;
  nodeName: string | null;
  zone: string | null;
  targetRef: ObjectRef | null;
}

export interface SlimSlicePort {
  name: string | null;
  port: number | null;
  protocol: string;
  appProtocol: string | null;
}

export interface SlimEndpointSlice {
  kind: 'EndpointSlice';
  meta: SlimMeta;
  /** Label kubernetes.io/service-name, null when absent (such a slice backs no service). */
  serviceName: string | null;
  /** Label endpointslice.kubernetes.io/managed-by. */
  managedBy: string | null;
  addressType: string;
  endpoints: SlimSliceEndpoint[];
  ports: SlimSlicePort[];
}

export type SlimObject = SlimPod | SlimService | SlimEndpoints | SlimEndpointSlice;

/** One change as the recorder learned it, ready for the store. */
export interface Observation {
  cluster: string;
  kind: Kind;
  type: EventType;
  source: EventSource;
  uid: string;
  namespace: string;
  name: string;
  resourceVersion: string;
  /** Epoch ms when we saw it; the store clamps it so it never goes backwards per cluster. */
  observedAt: number;
  /** For changes inferred after a gap: the change happened in [notBefore, observedAt]. */
  notBefore: number | null;
  /** Best hint of when it really happened, from the object itself. */
  occurredAt: number | null;
  object: SlimObject;
  /** Stable content hash of `object` (hex), for no-op detection. */
  hash: string;
  /**
   * `canonicalJson(object)` as UTF-8 bytes when already computed (toObservation computes it for the
   * hash), so the store does not serialise the object a second time. Absent: the store serialises
   * it. Bytes rather than the text: they are what the hash reads and the store writes, and a batch
   * waiting to be written keeps them outside the JavaScript heap.
   */
  json?: Buffer;
}

export const REJECT_REASONS = [
  'malformed-json',
  'not-an-object',
  'unknown-kind',
  'kind-mismatch',
  'missing-uid',
  'missing-name',
  'missing-resource-version',
  'too-large',
  'invalid-field',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Rejection {
  ok: false;
  reason: RejectReason;
  detail: string;
}
