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
  /** When the pod was gone: its DELETED event was observed (null while it exists, as of the answer). */
  deletedAt: number | null;
  /** metadata.deletionTimestamp: the time the pod was asked to be gone by (set once it is terminating). */
  deletionRequestedAt: number | null;
  ownerKind: string | null;
  ownerName: string | null;
  /** The validity of this state: [validFrom, validTo). */
  validFrom: number;
  validTo: number | null;
}

export interface PodIntervalOut {
  /** The cluster the pod belongs to (a fleet search lists holders of several clusters). */
  cluster: string;
  ip: string;
  from: number;
  to: number | null;
  pod: PodOut;
}

/** Which pods held an IP, with whether the Pod kind was recorded over the whole question. */
export interface IpHoldersOut {
  ip: string;
  /** The moment asked about; null for a range. */
  at: number | null;
  /** The range asked about (from = to = at for a moment). */
  from: number;
  to: number;
  /** The Pod kind was covered at `at` (or over all of [from, to]): an empty list means nobody held it. */
  complete: boolean;
  /** The Pod kind's gaps containing `at` (or overlapping [from, to], clipped to it). */
  gaps: CoverageIntervalOut[];
  intervals: PodIntervalOut[];
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
  /** Both ends were covered for every kind the answer used. */
  complete: boolean;
  /** The gaps containing either end (each at most once). */
  gaps: CoverageIntervalOut[];
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
  /**
   * The Service kind and the source kind were covered for all of this point's period (until the next
   * point) or bucket. False: the counts are only the last ones recorded; the truth is unknown.
   */
  complete: boolean;
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
