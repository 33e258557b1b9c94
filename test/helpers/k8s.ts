import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toObservation } from '../../src/model/index.js';
import type { EventSource, EventType, Kind, Observation } from '../../src/model/types.js';
import type { AppendResult, Store } from '../../src/store/index.js';

/** Test builders of raw Kubernetes JSON, shaped like what the API server sends. */

/** The metadata every builder starts from (slimming sorts keys, so where the rest goes does not matter). */
function baseMeta(m: { uid: string; name: string; namespace?: string | undefined }): Record<string, unknown> {
  return {
    uid: m.uid,
    name: m.name,
    namespace: m.namespace ?? 'default',
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
  return {
    metadata: {
      ...baseMeta(p),
      labels: p.labels ?? { run: 'hello' },
      ...(p.deleting ? { deletionTimestamp: p.deleting, deletionGracePeriodSeconds: 30 } : {}),
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'hello-7d9f', uid: 'rs-1', controller: true },
      ],
    },
    spec: {
      nodeName: p.node === undefined ? 'node-1' : p.node,
      hostNetwork: p.hostNetwork ?? false,
      containers: [
        {
          name: 'tomcat',
          image: 'tomcat:9',
          env: [{ name: 'DB_PASSWORD', value: 'hunter2' }],
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
        },
      ],
    },
    status: {
      phase: p.phase ?? 'Running',
      podIP: p.ips?.[0],
      podIPs: (p.ips ?? []).map((ip) => ({ ip })),
      hostIP: '192.168.0.11',
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
      containerStatuses: [{ name: 'tomcat', ready, restartCount: p.restarts ?? 0, state: { running: {} } }],
    },
  };
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
  return {
    metadata: baseMeta(s),
    spec: {
      type: s.type ?? 'ClusterIP',
      ...(s.selector === null ? {} : { selector: s.selector ?? { run: s.name } }),
      clusterIP: s.clusterIP ?? '10.96.0.10',
      clusterIPs: [s.clusterIP ?? '10.96.0.10'],
      ipFamilies: ['IPv4'],
      ports: (s.ports ?? [{ port: 80, targetPort: 8080 }]).map((p) => ({ protocol: 'TCP', ...p })),
    },
    status: { loadBalancer: {} },
  };
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
  const addr = (a: AddressSpec) => ({
    ip: a.ip,
    nodeName: a.node ?? 'node-1',
    ...(a.pod
      ? { targetRef: { kind: 'Pod', namespace: e.namespace ?? 'default', name: a.pod.name, uid: a.pod.uid } }
      : {}),
  });
  const empty = !e.ready?.length && !e.notReady?.length;
  return {
    metadata: baseMeta(e),
    ...(empty
      ? {}
      : {
          subsets: [
            {
              ...(e.ready?.length ? { addresses: e.ready.map(addr) } : {}),
              ...(e.notReady?.length ? { notReadyAddresses: e.notReady.map(addr) } : {}),
              ports: (e.ports ?? [{ port: 8080 }]).map((p) => ({ protocol: 'TCP', ...p })),
            },
          ],
        }),
  };
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
  const ns = s.namespace ?? 'default';
  return {
    metadata: {
      ...baseMeta(s),
      labels: {
        ...(s.service ? { 'kubernetes.io/service-name': s.service } : {}),
        'endpointslice.kubernetes.io/managed-by': s.managedBy ?? 'endpointslice-controller.k8s.io',
      },
    },
    addressType: s.addressType ?? 'IPv4',
    endpoints: s.endpoints.map((e) => {
      const conditions: Record<string, boolean> = {};
      if (e.ready !== null) conditions.ready = e.ready ?? true;
      if (e.serving !== null) conditions.serving = e.serving ?? e.ready ?? true;
      if (e.terminating !== null) conditions.terminating = e.terminating ?? false;
      return {
        addresses: [e.ip],
        conditions,
        nodeName: e.node ?? 'node-1',
        ...(e.zone ? { zone: e.zone } : {}),
        ...(e.pod ? { targetRef: { kind: 'Pod', namespace: ns, name: e.pod.name, uid: e.pod.uid } } : {}),
      };
    }),
    ports: (s.ports ?? [{ name: 'http', port: 8080 }]).map((p) => ({ protocol: 'TCP', ...p })),
  };
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
