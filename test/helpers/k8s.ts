import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AddressType,
  type EndpointAddressJson,
  endpointSliceObject,
  endpointsObject,
  type ObjectMetaJson,
  podObject,
  podReference,
  SLICE_CONTROLLER_NAME,
  serviceObject,
} from '../../src/kube/index.js';
import { toObservation } from '../../src/model/index.js';
import type { EventSource, EventType, Kind, Observation } from '../../src/model/types.js';
import type { AppendResult, Store } from '../../src/store/index.js';

/**
 * Raw Kubernetes JSON for tests, built by src/kube's builders (`podObject`, …) from a compact spec:
 * a uid and a name, the rest defaulted to one ready tomcat pod of service-hello on node-1.
 */

/** The metadata every builder starts from. */
function baseMeta(m: { uid: string; name: string; namespace?: string | undefined }): ObjectMetaJson {
  return {
    name: m.name,
    namespace: m.namespace ?? 'default',
    uid: m.uid,
    resourceVersion: '1',
    creationTimestamp: '2026-01-01T00:00:00Z',
  };
}

export interface PodSpec {
  uid: string;
  name: string;
  namespace?: string;
  ips?: string[];
  ready?: boolean;
  phase?: string;
  node?: string | null;
  labels?: Record<string, string>;
  deleting?: string | null;
  hostNetwork?: boolean;
  restarts?: number;
}

export function rawPod(p: PodSpec): Record<string, unknown> {
  const ready = p.ready ?? true;
  return podObject({
    metadata: {
      ...baseMeta(p),
      ...(p.deleting ? { deletionTimestamp: p.deleting, deletionGracePeriodSeconds: 30 } : {}),
      labels: p.labels ?? { run: 'hello' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'hello-7d9f', uid: 'rs-1', controller: true },
      ],
    },
    spec: {
      containers: [
        {
          name: 'tomcat',
          image: 'tomcat:9',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          env: [{ name: 'DB_PASSWORD', value: 'hunter2' }],
        },
      ],
      nodeName: p.node === undefined ? 'node-1' : (p.node ?? undefined),
      hostNetwork: p.hostNetwork,
    },
    status: {
      phase: p.phase ?? 'Running',
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
      hostIP: '192.168.0.11',
      podIPs: p.ips,
      containerStatuses: [{ name: 'tomcat', state: { running: {} }, ready, restartCount: p.restarts ?? 0 }],
    },
  });
}

export interface ServiceSpec {
  uid: string;
  name: string;
  namespace?: string;
  selector?: Record<string, string> | null;
  type?: string;
  clusterIP?: string;
  ports?: {
    name?: string;
    port: number;
    targetPort?: number | string;
    nodePort?: number;
    protocol?: string;
  }[];
}

export function rawService(s: ServiceSpec): Record<string, unknown> {
  return serviceObject({
    metadata: baseMeta(s),
    type: s.type,
    selector: s.selector === null ? undefined : (s.selector ?? { run: s.name }),
    clusterIP: s.clusterIP ?? '10.96.0.10',
    ports: s.ports ?? [{ port: 80, targetPort: 8080 }],
  });
}

export interface AddressSpec {
  ip: string;
  pod?: { name: string; uid: string };
  node?: string;
}

export function rawEndpoints(e: {
  uid: string;
  name: string;
  namespace?: string;
  ready?: AddressSpec[];
  notReady?: AddressSpec[];
  ports?: { name?: string; port: number; protocol?: string }[];
}): Record<string, unknown> {
  const namespace = e.namespace ?? 'default';
  const address = (a: AddressSpec): EndpointAddressJson => ({
    ip: a.ip,
    nodeName: a.node ?? 'node-1',
    targetRef: a.pod && podReference({ namespace, ...a.pod }),
  });
  return endpointsObject({
    metadata: baseMeta(e),
    subsets: [
      {
        addresses: e.ready?.map(address),
        notReadyAddresses: e.notReady?.map(address),
        ports: e.ports ?? [{ port: 8080 }],
      },
    ],
  });
}

export interface SliceEndpointSpec extends AddressSpec {
  ready?: boolean | null;
  serving?: boolean | null;
  terminating?: boolean | null;
  zone?: string;
}

export function rawSlice(s: {
  uid: string;
  name: string;
  service: string | null;
  namespace?: string;
  addressType?: string;
  managedBy?: string;
  endpoints: SliceEndpointSpec[];
  ports?: { name?: string; port: number; protocol?: string }[];
}): Record<string, unknown> {
  const namespace = s.namespace ?? 'default';
  // null = the condition left unset; undefined = its usual value (serving follows ready)
  const condition = (value: boolean | null | undefined, usual: boolean) =>
    value === null ? undefined : (value ?? usual);
  return endpointSliceObject({
    metadata: baseMeta(s),
    serviceName: s.service ?? undefined,
    managedBy: s.managedBy ?? SLICE_CONTROLLER_NAME,
    addressType: (s.addressType ?? 'IPv4') as AddressType,
    endpoints: s.endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: {
        ready: condition(e.ready, true),
        serving: condition(e.serving, e.ready ?? true),
        terminating: condition(e.terminating, false),
      },
      targetRef: e.pod && podReference({ namespace, ...e.pod }),
      nodeName: e.node ?? 'node-1',
      zone: e.zone,
    })),
    ports: s.ports ?? [{ name: 'http', port: 8080 }],
  });
}

/**
 * Turns raw objects into observations the way the recorder does, with a resourceVersion counter and
 * an explicit clock, so a test reads as a timeline.
 */
export class Timeline {
  rv = 100;
  constructor(
    public now = Date.parse('2026-03-01T02:00:00Z'),
    readonly cluster = 'test',
  ) {}

  at(iso: string): this {
    this.now = Date.parse(iso);
    return this;
  }

  obs(
    kind: Kind,
    type: EventType,
    raw: Record<string, unknown>,
    source: EventSource = 'watch',
    notBefore: number | null = null,
  ): Observation {
    this.rv += 1;
    const meta = raw.metadata as Record<string, unknown>;
    const withRv = { ...raw, metadata: { ...meta, resourceVersion: String(this.rv) } };
    const r = toObservation({
      cluster: this.cluster,
      kind,
      type,
      source,
      raw: withRv,
      observedAt: this.now,
      notBefore,
    });
    if (!r.ok) throw new Error(`test object rejected: ${r.reason} ${r.detail}`);
    return r.observation;
  }

  /** Sets the clock to `at` and appends one batch of the observations `makers` build, in order. */
  put(
    store: Pick<Store, 'append'>,
    at: number,
    ...makers: ((tl: Timeline) => Observation)[]
  ): Promise<AppendResult> {
    this.now = at;
    return store.append({ observations: makers.map((f) => f(this)) });
  }
}

/** A fresh empty folder under the system temp dir. */
export function tempDir(prefix = 'eph-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempDbPath(): string {
  return join(tempDir(), 'history.db');
}
