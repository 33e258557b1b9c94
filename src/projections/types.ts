import type {
  EventType,
  Kind,
  SlimEndpointSlice,
  SlimEndpoints,
  SlimObject,
  SlimPod,
  SlimService,
} from '../model/types.js';

/** The projection tables a fold writes to. */
export const PROJECTIONS = ['endpoint_members', 'pod_ips', 'pod_states', 'service_states'] as const;
export type ProjectionName = (typeof PROJECTIONS)[number];

/** Membership source kinds, as stored in endpoint_members.source. */
export const MEMBER_SOURCES = ['EndpointSlice', 'Endpoints'] as const;
export type MemberSource = (typeof MEMBER_SOURCES)[number];

/** `valid_to` of a row that is still open. */
export const OPEN_END = Number.MAX_SAFE_INTEGER;

/** The slim object of each kind. */
export interface SlimObjectOf {
  Pod: SlimPod;
  Service: SlimService;
  Endpoints: SlimEndpoints;
  EndpointSlice: SlimEndpointSlice;
}

/** What a fold consumes: one stored event of kind K, already decoded (for DELETED: the last state). */
export interface FoldEventOf<K extends Kind> {
  position: number;
  cluster: string;
  kind: K;
  type: EventType;
  uid: string;
  namespace: string;
  name: string;
  observedAt: number;
  object: SlimObjectOf[K];
}

/** A stored event of any kind, narrowed by `kind`. */
export type FoldEvent = { [K in Kind]: FoldEventOf<K> }[Kind];

/**
 * An event whose object was slimmed for its kind (model's `toObservation`, or decoded from the log,
 * which stores only such objects), as a fold event narrowed by that kind: the one place the pairing
 * of `kind` and `object` is taken on trust.
 */
export const asFoldEvent = <E extends { kind: Kind; object: SlimObject }>(e: E): E & FoldEvent =>
  e as E & FoldEvent;

export interface ServiceRef {
  cluster: string;
  namespace: string;
  name: string;
}

export interface MemberAttrs {
  service: ServiceRef;
  source: MemberSource;
  ip: string;
  targetUid: string | null;
  targetKind: string | null;
  targetNamespace: string | null;
  targetName: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName: string | null;
  zone: string | null;
  hostname: string | null;
  /** Canonical JSON of the endpoint's port list (sorted). */
  ports: string;
}

export interface PodIpAttrs {
  cluster: string;
  ip: string;
  podUid: string;
  namespace: string;
  name: string;
  nodeName: string | null;
}

export interface PodStateAttrs {
  cluster: string;
  uid: string;
  namespace: string;
  name: string;
  phase: string | null;
  ready: boolean;
  nodeName: string | null;
  /** Canonical JSON array of the pod's IPs, primary first. */
  ips: string;
  ownerKind: string | null;
  ownerName: string | null;
  createdAt: number | null;
  deletingAt: number | null;
  restarts: number;
}

export interface ServiceStateAttrs {
  service: ServiceRef;
  uid: string;
  type: string;
  clusterIp: string | null;
  /** Canonical JSON of the selector, null for a selector-less service. */
  selector: string | null;
  /** Canonical JSON of spec.ports. */
  ports: string;
  publishNotReady: boolean;
}

export interface AttrsByProjection {
  endpoint_members: MemberAttrs;
  pod_ips: PodIpAttrs;
  pod_states: PodStateAttrs;
  service_states: ServiceStateAttrs;
}

/** One change to a projection table, produced by the pure fold and applied by a writer. */
export type RowOp =
  | {
      [P in ProjectionName]: {
        op: 'open';
        projection: P;
        /** The row's scope (a service and source, a pod, a service) and its key within it. */
        scope: string;
        key: string;
        attrs: AttrsByProjection[P];
        at: number;
        position: number;
      };
    }[ProjectionName]
  | {
      op: 'close';
      projection: ProjectionName;
      scope: string;
      key: string;
      /** The attribute object of the row being closed: the very object its `open` carried. */
      attrs: object;
      at: number;
      position: number;
      byDelete: boolean;
    }
  | { op: 'mark'; service: ServiceRef; source: MemberSource; at: number };
