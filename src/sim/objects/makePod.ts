import { containerDefaults, podObject, podSpecDefaults } from '../../kube/objects/index.js';
import type { ContainerPortJson, OwnerReferenceJson, PodJson, StringMap } from '../../kube/types.js';
import { failPod, schedulePod, setPodReady, startPod, stopPodContainers } from './podLifecycle.js';
import { stableHash } from './random.js';
import { rfc3339 } from './time.js';

export type PodContainerInput = { name: string; image: string; ports?: ContainerPortJson[] };

export type MakePodOptions = {
  namespace: string;
  /** Either a name or a generateName (SimStore completes the latter with 5 random characters). */
  name?: string;
  generateName?: string;
  labels?: StringMap;
  annotations?: StringMap;
  ownerRef?: OwnerReferenceJson;
  /** Set ⇒ scheduled. */
  nodeName?: string;
  hostIP?: string;
  /** Set (with a nodeName) ⇒ running with these pod IPs, primary first. */
  ips?: string[];
  /** Default: true when running. */
  ready?: boolean;
  /** Default: Running when IPs are given, else Pending. */
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  containers?: PodContainerInput[];
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  /** Timestamps of the transitions; default Date.now(). */
  now?: number;
};

const DEFAULT_CONTAINERS: PodContainerInput[] = [
  { name: 'app', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
];

/**
 * A full Pod as a real cluster stores it (`podObject` with the API server's spec and container
 * defaults) — deliberately including what the recorder must never store: env values that look like
 * credentials, secretKeyRefs, secret volumes, args, commands, managedFields and (for pods without an
 * owner) a `last-applied-configuration` annotation. The status is built by replaying the lifecycle
 * transitions, so it has the same shape a kubelet writes.
 */
export function makePod(options: MakePodOptions): PodJson {
  const at = options.now ?? Date.now();
  const identity = `${options.namespace}/${options.name ?? options.generateName ?? 'pod'}`;
  const secretTag = stableHash(identity, 8);
  const apiAccess = `kube-api-access-${stableHash(`${identity}/sa`, 5)}`;
  const containers = (options.containers ?? DEFAULT_CONTAINERS).map((c) => ({
    name: c.name,
    image: c.image,
    command: ['/bin/sh', '-c'],
    args: [`exec /docker-entrypoint.sh --db-url=postgres://app:s3cr3t-${secretTag}@db:5432/app`],
    ports: c.ports ?? [],
    env: [
      { name: 'JAVA_OPTS', value: '-Xmx256m -Djava.security.egd=file:/dev/./urandom' },
      { name: 'DB_PASSWORD', value: `s3cr3t-${secretTag}` },
      { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'app-secrets', key: 'api-token' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
    ],
    resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
    volumeMounts: [
      { name: 'db-credentials', mountPath: '/etc/secrets/db', readOnly: true },
      { name: apiAccess, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
    ],
    ...containerDefaults(),
  }));

  const annotations: StringMap = { ...(options.annotations ?? {}) };
  if (!options.ownerRef) {
    annotations['kubectl.kubernetes.io/last-applied-configuration'] = `${JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: options.name, namespace: options.namespace, labels: options.labels ?? {} },
      spec: { containers: containers.map((c) => ({ name: c.name, image: c.image, env: c.env.slice(0, 2) })) },
    })}\n`;
  }
  let pod = podObject({
    metadata: {
      name: options.name,
      generateName: options.generateName,
      namespace: options.namespace,
      labels: options.labels,
      annotations,
      ownerReferences: options.ownerRef && [{ ...options.ownerRef }],
      managedFields: [
        {
          manager: options.ownerRef ? 'kube-controller-manager' : 'kubectl-client-side-apply',
          operation: 'Update',
          apiVersion: 'v1',
          time: rfc3339(at),
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:metadata': { 'f:labels': {}, ...(options.ownerRef ? { 'f:ownerReferences': {} } : {}) },
            'f:spec': {
              'f:containers': { [`k:{"name":"${containers[0]?.name ?? 'app'}"}`]: { 'f:env': {} } },
            },
          },
        },
        {
          manager: 'kubelet',
          operation: 'Update',
          apiVersion: 'v1',
          time: rfc3339(at),
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:status': { 'f:conditions': {}, 'f:containerStatuses': {}, 'f:podIPs': {} } },
          subresource: 'status',
        },
      ],
    },
    spec: {
      volumes: [
        { name: 'db-credentials', secret: { secretName: 'db-credentials', defaultMode: 420 } },
        {
          name: apiAccess,
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            ],
            defaultMode: 420,
          },
        },
      ],
      containers,
      ...podSpecDefaults(),
      hostNetwork: options.hostNetwork || undefined,
      hostname: options.hostname || undefined,
      subdomain: options.subdomain || undefined,
    },
    status: { phase: 'Pending', qosClass: 'Burstable' },
  });
  if (options.nodeName) pod = schedulePod(pod, options.nodeName, at);
  const running =
    options.nodeName !== undefined && (options.ips !== undefined || options.hostNetwork === true);
  if (running) pod = startPod(pod, options.ips ?? [], at, options.hostIP);
  const phase = options.phase ?? (running ? 'Running' : 'Pending');
  if (running && phase === 'Running' && (options.ready ?? true)) pod = setPodReady(pod, true, at);
  if (running && phase === 'Failed') pod = failPod(pod, at);
  if (running && phase === 'Succeeded') {
    pod = stopPodContainers(pod, at, 0);
    pod.status.phase = 'Succeeded';
  }
  return pod;
}
