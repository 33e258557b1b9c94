import type { Kind, SlimServicePort } from '../model/types.js';

export type EndpointSource = 'ENDPOINT_SLICES' | 'ENDPOINTS' | 'NONE';

export interface ObjectRefOut {
  kind: string | null;
  namespace: string | null;
  name: string;
  uid: string | null;
}

export interface EndpointPortOut {
  name: string | null;
  port: number;
  protocol: string;
  appProtocol: string | null;
}

export interface EndpointAddressOut {
  ip: string;
  nodeName: string | null;
  hostname: string | null;
  zone: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** Start of the row: since when this address has had exactly these attributes. */
  since: number;
  targetRef: ObjectRefOut | null;
  ports: EndpointPortOut[];
}

/** A recording interval (covered) or a gap (not covered) of one (cluster, kind). */
export interface CoverageIntervalOut {
  cluster: string;
  kind: Kind;
  /** null = since the beginning of time (before recording started). */
  from: number | null;
  /** null = still open. */
  to: number | null;
  covered: boolean;
  reason: string | null;
}

export interface EndpointSetOut {
  cluster: string;
  namespace: string;
  service: string;
  at: number;
  source: EndpointSource;
  complete: boolean;
  gaps: CoverageIntervalOut[];
  addresses: EndpointAddressOut[];
  notReadyAddresses: EndpointAddressOut[];
  ports: EndpointPortOut[];
  lastChangeAt: number | null;
}

export interface PodOut {
  cluster: string;
  namespace: string;
  name: string;
  uid: string;
  ip: string | null;
  ips: string[];
  nodeName: string | null;
  phase: string | null;
  ready: boolean;
  restarts: number;
  createdAt: number | null;
  deletedAt: number | null;
  ownerKind: string | null;
  ownerName: string | null;
  /** The validity of this state: [validFrom, validTo). */
  validFrom: number;
  validTo: number | null;
}

export interface PodIntervalOut {
  ip: string;
  from: number;
  to: number | null;
  pod: PodOut;
}

export interface ServiceOut {
  cluster: string;
  namespace: string;
  name: string;
  uid: string | null;
  type: string | null;
  clusterIP: string | null;
  selector: Record<string, string> | null;
  ports: SlimServicePort[];
  publishNotReadyAddresses: boolean;
  validFrom: number | null;
  validTo: number | null;
}

export interface EndpointStateOut {
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName: string | null;
}

export type ChangeType = 'ADDED' | 'REMOVED' | 'CHANGED';

export interface MembershipChangeOut {
  at: number;
  type: ChangeType;
  ip: string;
  targetRef: ObjectRefOut | null;
  before: EndpointStateOut | null;
  after: EndpointStateOut | null;
  /** Position of the event that caused the change (trace it in the event log). */
  position: number;
  source: EndpointSource;
}

export interface EndpointsDiffOut {
  from: number;
  to: number;
  source: EndpointSource;
  added: EndpointAddressOut[];
  removed: EndpointAddressOut[];
  changed: {
    ip: string;
    targetRef: ObjectRefOut | null;
    before: EndpointStateOut;
    after: EndpointStateOut;
  }[];
}

export interface ReadyCountPointOut {
  time: number;
  /** For a bucket: the last value in it; for a change point: the value from `time` on. */
  ready: number;
  notReady: number;
  readyMin: number;
  readyMax: number;
}

export interface OutageOut {
  from: number;
  to: number;
  /** The outage goes on past the end of the asked range (or is still going on). */
  ongoing: boolean;
  durationMs: number;
  /** Every moment of it was covered by the recorder (else part of it may be unknown, not an outage). */
  complete: boolean;
}
