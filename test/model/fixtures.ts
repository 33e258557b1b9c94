import {
  endpointSliceObject,
  endpointsObject,
  podObject,
  SLICE_CONTROLLER_NAME,
  serviceObject,
} from '../../src/kube/index.js';
import { type Kind, type SlimObject, type SlimResult, slimObject } from '../../src/model/index.js';

/**
 * One full raw object of each kind as the API server sends it, built by src/kube's builders with
 * every field slimming reads or must drop, and a few a builder would never leave out removed again
 * (`full*`; the compact builders of test/helpers/k8s.ts are `raw*`). Each call returns a fresh
 * object so tests can mutate freely. `meta` is not a builder: it is the bare metadata of the
 * malformed objects the rejection tests write inline.
 */

export const SECRET_STRINGS = [
  'hunter2-secret',
  'DB_PASSWORD',
  'secretKeyRef',
  'db-credentials',
  'api-token-volume',
  'AKIAFAKEACCESSKEY',
  '--token=s3cr3t-arg',
  'exec-secret-cmd',
  'last-applied-configuration',
  'managedFields',
  'kubectl-client-side-apply',
  'registry.example.com/web',
];

export const FORBIDDEN_KEYS = [
  'env',
  'envFrom',
  'volumes',
  'volumeMounts',
  'args',
  'command',
  'managedFields',
  'image',
];

export function fullPod(): Record<string, unknown> {
  const pod = podObject({
    metadata: {
      name: 'web-5d8c7b9f4-abcde',
      generateName: 'web-5d8c7b9f4-',
      namespace: 'shop',
      uid: '0b6f3c1e-1111-4a2b-9c3d-000000000001',
      resourceVersion: '48260',
      creationTimestamp: '2025-06-01T10:04:58Z',
      labels: { 'pod-template-hash': '5d8c7b9f4', app: 'web' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration':
          '{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"env":[{"name":"DB_PASSWORD","value":"hunter2-secret"}]}]}}',
        'example.com/note': 'AKIAFAKEACCESSKEY',
      },
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Node', name: 'not-the-controller', uid: 'n1' },
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-5d8c7b9f4',
          uid: '77aa0000-0000-0000-0000-000000000002',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      managedFields: [
        {
          manager: 'kubectl-client-side-apply',
          operation: 'Update',
          fieldsV1: { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:env': {} } } } },
        },
      ],
    },
    spec: {
      volumes: [
        { name: 'api-token-volume', secret: { secretName: 'db-credentials' } },
        { name: 'config', configMap: { name: 'web-config' } },
      ],
      containers: [
        {
          name: 'web',
          image: 'registry.example.com/web:1.2.3',
          command: ['/bin/sh', '-c', 'exec-secret-cmd'],
          args: ['--token=s3cr3t-arg'],
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { containerPort: 9090 }],
          envFrom: [{ secretRef: { name: 'db-credentials' } }],
          env: [
            { name: 'DB_PASSWORD', value: 'hunter2-secret' },
            { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'api-key' } } },
          ],
          volumeMounts: [{ name: 'api-token-volume', mountPath: '/var/run/secrets/db' }],
        },
        { name: 'sidecar', image: 'registry.example.com/web-sidecar:1' },
      ],
      serviceAccountName: 'web',
      nodeName: 'node-a',
      hostname: '',
      subdomain: '',
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: '2025-06-01T10:05:01Z' },
        { type: 'Initialized', status: 'True', lastTransitionTime: '2025-06-01T10:04:59Z' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2025-06-01T10:05:12Z' },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: '2025-06-01T10:05:12Z' },
        {
          type: 'PodScheduled',
          status: 'True',
          lastTransitionTime: '2025-06-01T10:04:58Z',
          reason: 'Scheduled',
          message: 'the message is dropped',
        },
      ],
      hostIP: '192.168.0.11',
      podIPs: ['10.244.1.17', 'FD00:10:244:1:0:0:0:11'],
      startTime: '2025-06-01T10:04:59Z',
      containerStatuses: [
        {
          name: 'web',
          state: { running: { startedAt: '2025-06-01T10:05:03Z' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
          ready: true,
          restartCount: 2,
          image: 'registry.example.com/web:1.2.3',
          imageID: 'registry.example.com/web@sha256:abc',
        },
        {
          name: 'sidecar',
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } },
          ready: false,
          restartCount: 0,
        },
      ],
    },
  });
  // A port without a protocol, which the API server would have defaulted: slimming must default it too.
  delete pod.spec.containers[0]?.ports?.[1]?.protocol;
  return pod;
}

export function fullService(): Record<string, unknown> {
  const service = serviceObject({
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: '5b1c0000-0000-0000-0000-000000000003',
      resourceVersion: '48100',
      creationTimestamp: '2025-06-01T09:00:00Z',
      labels: { app: 'web' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Service"}' },
    },
    type: 'NodePort',
    selector: { tier: 'frontend', app: 'web' },
    clusterIPs: ['10.96.12.34', 'FD00:96::1234'],
    ipFamilyPolicy: 'PreferDualStack',
    ports: [
      { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080, appProtocol: 'http' },
      { port: 9090, targetPort: 9090 },
    ],
    publishNotReadyAddresses: true,
  });
  // A port without a protocol, which the API server would have defaulted: slimming must default it too.
  delete service.spec.ports?.[1]?.protocol;
  return service;
}

export function fullEndpoints(): Record<string, unknown> {
  const endpoints = endpointsObject({
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: '5b1c0000-0000-0000-0000-000000000004',
      resourceVersion: '48214',
      creationTimestamp: '2025-06-01T09:00:00Z',
      labels: { app: 'web' },
      annotations: {
        'endpoints.kubernetes.io/last-change-trigger-time': '2025-06-01T10:05:12.123456Z',
        'endpoints.kubernetes.io/over-capacity': 'truncated',
        'control-plane.alpha.kubernetes.io/leader': '{"holderIdentity":"x"}',
      },
    },
    subsets: [
      {
        addresses: [
          {
            ip: '10.244.1.17',
            nodeName: 'node-a',
            targetRef: {
              kind: 'Pod',
              namespace: 'shop',
              name: 'web-5d8c7b9f4-abcde',
              uid: '0b6f',
              resourceVersion: '48260',
              fieldPath: 'spec',
            },
          },
        ],
        notReadyAddresses: [
          {
            ip: '10.244.2.9',
            hostname: 'web-1',
            nodeName: '',
            targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-5d8c7b9f4-fghij', uid: '9a1e' },
          },
        ],
        ports: [
          { name: 'http', port: 8080, protocol: 'TCP' },
          { name: '', port: 9090 },
        ],
      },
    ],
  });
  // A port without a protocol, which the API server would have defaulted: slimming must default it too.
  delete endpoints.subsets?.[0]?.ports?.[1]?.protocol;
  return endpoints;
}

export function fullEndpointSlice(): Record<string, unknown> {
  const slice = endpointSliceObject({
    metadata: {
      name: 'web-7x2kq',
      generateName: 'web-',
      namespace: 'shop',
      uid: '6f0c0000-0000-0000-0000-000000000005',
      resourceVersion: '48213',
      generation: 7,
      creationTimestamp: '2025-06-01T09:00:01Z',
      labels: { app: 'web' },
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2025-06-01T10:05:12Z' },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: 'web',
          uid: '5b1c',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    serviceName: 'web',
    managedBy: SLICE_CONTROLLER_NAME,
    addressType: 'IPv6',
    endpoints: [
      {
        addresses: ['FD00:10:244:1::0011'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-5d8c7b9f4-abcde', uid: '0b6f' },
        deprecatedTopology: { 'kubernetes.io/hostname': 'node-a' },
        nodeName: 'node-a',
        zone: 'eu-west-1a',
        hints: { forZones: [{ name: 'eu-west-1a' }] },
      },
      {
        addresses: ['fd00:10:244:2::9'],
        conditions: { ready: false, serving: true, terminating: true },
        hostname: 'web-1',
        targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-5d8c7b9f4-fghij', uid: '9a1e' },
        nodeName: 'node-b',
      },
      { addresses: ['fd00:10:244:3::1'], conditions: {} },
    ],
    ports: [
      { name: 'http', protocol: 'TCP', port: 8080, appProtocol: 'http' },
      { name: '', port: 9090 },
    ],
  });
  // A port without a protocol, which the controller would have set: slimming must default it.
  delete slice.ports?.[1]?.protocol;
  return slice;
}

/** A minimal valid metadata block, for building small raw objects inline. */
export function meta(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { uid: 'uid-1', name: 'obj', namespace: 'default', resourceVersion: '1', ...overrides };
}

/** The accepted result of a slimming, or an error naming the rejection (tests of valid objects). */
export function accepted(result: SlimResult): Extract<SlimResult, { ok: true }> {
  if (!result.ok) throw new Error(`rejected: ${result.reason} ${result.detail}`);
  return result;
}

/** `raw` slimmed as `kind`, typed as that kind's slim object; throws if it is rejected. */
export function slimmed<K extends Kind>(kind: K, raw: unknown): Extract<SlimObject, { kind: K }> {
  const { object } = accepted(slimObject(kind, raw));
  if (object.kind !== kind) throw new Error(`slimmed as ${object.kind}, not ${kind}`);
  return object as Extract<SlimObject, { kind: K }>;
}
