/** Raw Kubernetes JSON as a real cluster sends it (full pods, with fields slimming must drop). */

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
  const cond = (type: string, ok: boolean, since = p.createdAt) => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: since,
  });
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name: p.name,
      generateName: p.name.slice(0, -5),
      namespace: p.namespace,
      uid: p.uid,
      resourceVersion: String(rv),
      creationTimestamp: p.createdAt,
      labels: { app: p.service, 'pod-template-hash': '7d9f8c6b5' },
      ...(p.deleting ? { deletionTimestamp: p.deleting, deletionGracePeriodSeconds: 30 } : {}),
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
      nodeName: p.node,
      containers: [
        {
          name: 'app',
          image: `registry.example.com/${p.service}:1.2.3`,
          args: ['--port=8080'],
          env: [
            { name: 'DB_PASSWORD', value: 'not-for-storage' },
            { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'tok', key: 'k' } } },
          ],
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
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
      volumes: [
        { name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      ],
      restartPolicy: 'Always',
      serviceAccountName: 'default',
      schedulerName: 'default-scheduler',
    },
    status: {
      phase: p.phase,
      conditions: [
        cond('PodReadyToStartContainers', true),
        cond('Initialized', true),
        cond('Ready', p.ready, p.readySince),
        cond('ContainersReady', p.ready, p.readySince),
        cond('PodScheduled', true),
      ],
      hostIP: '192.168.0.11',
      hostIPs: [{ ip: '192.168.0.11' }],
      ...(p.phase === 'Running' ? { podIP: p.ip, podIPs: [{ ip: p.ip }] } : {}),
      startTime: p.createdAt,
      qosClass: 'Burstable',
      containerStatuses: [
        {
          name: 'app',
          ready: p.ready,
          restartCount: p.restarts,
          started: true,
          image: 'x',
          imageID: 'y',
          containerID: 'containerd://abc',
          state:
            p.phase === 'Running'
              ? { running: { startedAt: p.createdAt } }
              : { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    },
  };
}

export function serviceJson(
  namespace: string,
  name: string,
  uid: string,
  rv: number,
  createdAt: string,
): Record<string, unknown> {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: {
      name,
      namespace,
      uid,
      resourceVersion: String(rv),
      creationTimestamp: createdAt,
      labels: { app: name },
    },
    spec: {
      selector: { app: name },
      type: 'ClusterIP',
      clusterIP: '10.96.12.34',
      clusterIPs: ['10.96.12.34'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  };
}

export function sliceJson(
  namespace: string,
  service: string,
  uid: string,
  rv: number,
  pods: readonly PodModel[],
  createdAt: string,
): Record<string, unknown> {
  return {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    metadata: {
      name: `${service}-abcde`,
      generateName: `${service}-`,
      namespace,
      uid,
      resourceVersion: String(rv),
      creationTimestamp: createdAt,
      labels: {
        app: service,
        'kubernetes.io/service-name': service,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
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
    addressType: 'IPv4',
    endpoints: pods
      .filter((p) => p.phase === 'Running')
      .map((p) => ({
        addresses: [p.ip],
        conditions: { ready: p.ready && !p.deleting, serving: p.ready, terminating: p.deleting !== null },
        nodeName: p.node,
        zone: 'zone-a',
        targetRef: { kind: 'Pod', namespace, name: p.name, uid: p.uid },
      })),
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
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
  const addr = (p: PodModel) => ({
    ip: p.ip,
    nodeName: p.node,
    targetRef: { kind: 'Pod', namespace, name: p.name, uid: p.uid },
  });
  const ready = live.filter((p) => p.ready).map(addr);
  const notReady = live.filter((p) => !p.ready).map(addr);
  return {
    kind: 'Endpoints',
    apiVersion: 'v1',
    metadata: {
      name: service,
      namespace,
      uid,
      resourceVersion: String(rv),
      creationTimestamp: createdAt,
      labels: { app: service },
    },
    ...(live.length
      ? {
          subsets: [
            {
              ...(ready.length ? { addresses: ready } : {}),
              ...(notReady.length ? { notReadyAddresses: notReady } : {}),
              ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
            },
          ],
        }
      : {}),
  };
}
