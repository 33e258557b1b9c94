import {
  endpointSliceObject,
  endpointsObject,
  podObject,
  podReference,
  SLICE_CONTROLLER_NAME,
  serviceObject,
} from '../../src/kube/index.js';

/**
 * Raw Kubernetes JSON as a real cluster sends it (full pods, with fields slimming must drop), built
 * by src/kube's builders from the churn's models.
 */

export interface PodModel {
  uid: string;
  name: string;
  namespace: string;
  service: string;
  ip: string;
  node: string;
  ready: boolean;
  phase: 'Pending' | 'Running';
  restarts: number;
  deleting: string | null;
  createdAt: string;
  /** lastTransitionTime of the Ready and ContainersReady conditions. */
  readySince: string;
}

export function podJson(p: PodModel, rv: number): Record<string, unknown> {
  const condition = (type: string, ok: boolean, since = p.createdAt) => ({
    type,
    status: ok ? ('True' as const) : ('False' as const),
    lastTransitionTime: since,
  });
  const running = p.phase === 'Running';
  return podObject({
    metadata: {
      name: p.name,
      generateName: p.name.slice(0, -5),
      namespace: p.namespace,
      uid: p.uid,
      resourceVersion: String(rv),
      creationTimestamp: p.createdAt,
      ...(p.deleting ? { deletionTimestamp: p.deleting, deletionGracePeriodSeconds: 30 } : {}),
      labels: { app: p.service, 'pod-template-hash': '7d9f8c6b5' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${p.service}-7d9f8c6b5`,
          uid: 'rs-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      managedFields: [
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'v1',
          time: p.readySince,
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:metadata': {} },
        },
      ],
    },
    spec: {
      volumes: [
        { name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      ],
      containers: [
        {
          name: 'app',
          image: `registry.example.com/${p.service}:1.2.3`,
          args: ['--port=8080'],
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          env: [
            { name: 'DB_PASSWORD', value: 'not-for-storage' },
            { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'tok', key: 'k' } } },
          ],
          resources: { requests: { cpu: '100m', memory: '128Mi' } },
          volumeMounts: [
            {
              name: 'kube-api-access',
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              readOnly: true,
            },
          ],
        },
      ],
      restartPolicy: 'Always',
      serviceAccountName: 'default',
      nodeName: p.node,
      schedulerName: 'default-scheduler',
    },
    status: {
      phase: p.phase,
      conditions: [
        condition('PodReadyToStartContainers', true),
        condition('Initialized', true),
        condition('Ready', p.ready, p.readySince),
        condition('ContainersReady', p.ready, p.readySince),
        condition('PodScheduled', true),
      ],
      hostIP: '192.168.0.11',
      podIPs: running ? [p.ip] : undefined,
      startTime: p.createdAt,
      containerStatuses: [
        {
          name: 'app',
          state: running
            ? { running: { startedAt: p.createdAt } }
            : { waiting: { reason: 'ContainerCreating' } },
          ready: p.ready,
          restartCount: p.restarts,
          image: 'x',
          imageID: 'y',
          containerID: 'containerd://abc',
          started: true,
        },
      ],
      qosClass: 'Burstable',
    },
  });
}

export function serviceJson(
  namespace: string,
  name: string,
  uid: string,
  rv: number,
  createdAt: string,
): Record<string, unknown> {
  return serviceObject({
    metadata: {
      name,
      namespace,
      uid,
      resourceVersion: String(rv),
      creationTimestamp: createdAt,
      labels: { app: name },
    },
    selector: { app: name },
    clusterIP: '10.96.12.34',
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  });
}

export function sliceJson(
  namespace: string,
  service: string,
  uid: string,
  rv: number,
  pods: readonly PodModel[],
  createdAt: string,
): Record<string, unknown> {
  return endpointSliceObject({
    metadata: {
      name: `${service}-abcde`,
      generateName: `${service}-`,
      namespace,
      uid,
      resourceVersion: String(rv),
      creationTimestamp: createdAt,
      labels: { app: service },
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': createdAt },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: service,
          uid: 'svc',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    serviceName: service,
    managedBy: SLICE_CONTROLLER_NAME,
    addressType: 'IPv4',
    endpoints: pods
      .filter((p) => p.phase === 'Running')
      .map((p) => ({
        addresses: [p.ip],
        conditions: { ready: p.ready && !p.deleting, serving: p.ready, terminating: p.deleting !== null },
        targetRef: podReference(p),
        nodeName: p.node,
        zone: 'zone-a',
      })),
    ports: [{ name: 'http', port: 8080 }],
  });
}

export function endpointsJson(
  namespace: string,
  service: string,
  uid: string,
  rv: number,
  pods: readonly PodModel[],
  createdAt: string,
): Record<string, unknown> {
  const live = pods.filter((p) => p.phase === 'Running' && !p.deleting);
  const address = (p: PodModel) => ({ ip: p.ip, nodeName: p.node, targetRef: podReference(p) });
  return endpointsObject({
    metadata: {
      name: service,
      namespace,
      uid,
      resourceVersion: String(rv),
      creationTimestamp: createdAt,
      labels: { app: service },
    },
    subsets: [
      {
        addresses: live.filter((p) => p.ready).map(address),
        notReadyAddresses: live.filter((p) => !p.ready).map(address),
        ports: [{ name: 'http', port: 8080 }],
      },
    ],
  });
}
