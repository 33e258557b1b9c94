/**
 * Raw Kubernetes JSON as the API server serves it (core/v1 Pod, Service, Endpoints and
 * discovery.k8s.io/v1 EndpointSlice): optional fields are omitted rather than null (Go's
 * `omitempty`), list items carry no kind/apiVersion while watch events do. Type aliases rather than
 * interfaces so that they are assignable to `Record<string, unknown>`. Only the fields someone reads
 * are typed; objects may carry more.
 */

export type StringMap = Record<string, string>;

export type OwnerReferenceJson = {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
};

export type ObjectReferenceJson = {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
};

export type ObjectMetaJson = {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: StringMap;
  annotations?: StringMap;
  ownerReferences?: OwnerReferenceJson[];
  managedFields?: unknown[];
};

export type ContainerPortJson = { name?: string; containerPort: number; protocol?: string };
export type ContainerJson = { name: string; image?: string; ports?: ContainerPortJson[] } & Record<
  string,
  unknown
>;

export type PodConditionJson = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
};

export type ContainerStatusJson = {
  name: string;
  ready: boolean;
  restartCount: number;
  started?: boolean;
  state?: Record<string, Record<string, unknown>>;
} & Record<string, unknown>;

export type PodJson = {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMetaJson;
  spec: {
    nodeName?: string;
    hostname?: string;
    subdomain?: string;
    hostNetwork?: boolean;
    containers: ContainerJson[];
  } & Record<string, unknown>;
  status: {
    phase?: string;
    conditions?: PodConditionJson[];
    hostIP?: string;
    hostIPs?: { ip: string }[];
    podIP?: string;
    podIPs?: { ip: string }[];
    startTime?: string;
    containerStatuses?: ContainerStatusJson[];
    qosClass?: string;
  } & Record<string, unknown>;
};

export type ServicePortJson = {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
};

export type IPFamily = 'IPv4' | 'IPv6';

export type ServiceJson = {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: ObjectMetaJson;
  spec: {
    selector?: StringMap | null;
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    ipFamilies?: IPFamily[];
    ipFamilyPolicy?: string;
    ports?: ServicePortJson[];
    publishNotReadyAddresses?: boolean;
    externalName?: string;
  } & Record<string, unknown>;
  status?: Record<string, unknown>;
};

export type EndpointAddressJson = {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: ObjectReferenceJson;
};

export type EndpointPortJson = { name?: string; port: number; protocol?: string; appProtocol?: string };

export type EndpointSubsetJson = {
  addresses?: EndpointAddressJson[];
  notReadyAddresses?: EndpointAddressJson[];
  ports?: EndpointPortJson[];
};

export type EndpointsJson = {
  apiVersion: 'v1';
  kind: 'Endpoints';
  metadata: ObjectMetaJson;
  subsets?: EndpointSubsetJson[];
};

export type SliceConditionsJson = { ready?: boolean; serving?: boolean; terminating?: boolean };

export type SliceEndpointJson = {
  addresses: string[];
  conditions: SliceConditionsJson;
  hostname?: string;
  targetRef?: ObjectReferenceJson;
  /** Read-only legacy topology (v1beta1's), still served. */
  deprecatedTopology?: StringMap;
  nodeName?: string;
  zone?: string;
  hints?: { forZones?: { name: string }[]; forNodes?: { name: string }[] };
};

export type SlicePortJson = { name?: string; protocol?: string; port?: number; appProtocol?: string };

export type AddressType = 'IPv4' | 'IPv6' | 'FQDN';

export type EndpointSliceJson = {
  apiVersion: 'discovery.k8s.io/v1';
  kind: 'EndpointSlice';
  metadata: ObjectMetaJson;
  addressType: AddressType;
  endpoints: SliceEndpointJson[] | null;
  ports: SlicePortJson[] | null;
};
