import { IpAllocator } from '../objects/index.js';
import type { Scenario } from './scenario.js';

const NS = 'default';
const HELLO = { run: 'hello' };

/**
 * The story the product is about, in the default namespace: `service-hello` (NodePort 31111, port 80
 * → 8080) backed by 4 tomcat pods at 10.244.1.22–25; a rolling update; a readiness flap; node-2
 * drained; a new pod given 10.244.1.23, an IP an old pod held; the selector-less `mysql` Service with
 * hand-written Endpoints (192.168.111.200:3306, mirrored into a slice); a dual-stack service; and a
 * pod left terminating (ready=false, serving=true, terminating=true in its slice, gone from Endpoints).
 * Each call returns fresh state (its own IP allocators), so a scenario object runs once.
 */
export function serviceHelloScenario(): Scenario {
  const helloIPs = new IpAllocator({ first: '10.244.1.22', size: 200 });
  const dualIPs = new IpAllocator({ first: '10.244.2.10', size: 200, ipv6Prefix: 'fd00:10:244:2::' });
  return {
    name: 'service-hello',
    description: 'service-hello through a rollout, a readiness flap, a drain and IP reuse; mysql; dual-stack',
    steps: [
      {
        name: 'deploy-hello',
        description: 'service-hello (NodePort 31111 → 8080) with 4 tomcat pods at 10.244.1.22–25',
        run: async (cluster) => {
          cluster.createService({
            namespace: NS,
            name: 'service-hello',
            labels: HELLO,
            selector: HELLO,
            type: 'NodePort',
            ports: [{ port: 80, targetPort: 8080, nodePort: 31111 }],
          });
          await cluster.createDeployment({
            namespace: NS,
            name: 'hello',
            replicas: 4,
            labels: HELLO,
            containerPort: 8080,
            image: 'tomcat:9.0',
            nodes: ['node-1', 'node-2', 'node-3'],
            ipAllocator: helloIPs,
          });
        },
      },
      {
        name: 'rolling-update',
        description: 'hello rolls to a new ReplicaSet, one pod at a time (surge 1, unavailable 0)',
        run: (cluster) => cluster.rollDeployment(NS, 'hello'),
      },
      {
        name: 'readiness-flap',
        description: 'one hello pod fails its readiness probe, then recovers',
        run: async (cluster, { sleep }) => {
          const pod = cluster.deploymentPods(NS, 'hello')[0];
          if (!pod) return;
          cluster.setReady(NS, pod, false);
          await sleep(2000);
          cluster.setReady(NS, pod, true);
        },
      },
      {
        name: 'drain-node',
        description: 'node-2 goes away: its pods are evicted and replaced on the other nodes',
        run: (cluster) => cluster.drainNode('node-2'),
      },
      {
        name: 'ip-reuse',
        description: 'hello scales to 5; the new pod gets 10.244.1.23, which an old hello pod held',
        run: async (cluster) => {
          helloIPs.reuseNext('10.244.1.23');
          await cluster.scaleDeployment(NS, 'hello', 5);
        },
      },
      {
        name: 'mysql-external',
        description: 'selector-less mysql Service with hand-written Endpoints 192.168.111.200:3306',
        run: (cluster) => {
          cluster.createService({ namespace: NS, name: 'mysql', ports: [{ port: 3306, targetPort: 3306 }] });
          cluster.putEndpoints(NS, 'mysql', ['192.168.111.200'], [{ port: 3306 }]);
        },
      },
      {
        name: 'dual-stack',
        description: 'hello-dual: an IPv4+IPv6 service with 2 pods, one slice per address family',
        run: async (cluster) => {
          cluster.createService({
            namespace: NS,
            name: 'hello-dual',
            labels: { app: 'hello-dual' },
            selector: { app: 'hello-dual' },
            ipFamilies: ['IPv4', 'IPv6'],
            ipFamilyPolicy: 'RequireDualStack',
            ports: [{ name: 'http', port: 80, targetPort: 'http' }],
          });
          await cluster.createDeployment({
            namespace: NS,
            name: 'hello-dual',
            replicas: 2,
            labels: { app: 'hello-dual' },
            containerPort: 8080,
            image: 'nginx:1.27',
            nodes: ['node-1', 'node-3'],
            ipAllocator: dualIPs,
          });
        },
      },
      {
        name: 'terminating-pod',
        description:
          'a hello pod starts terminating and is left so: out of Endpoints, still serving in its slice',
        run: (cluster) => {
          const pod = cluster.deploymentPods(NS, 'hello')[0];
          if (pod) cluster.terminatePod(NS, pod);
        },
      },
    ],
  };
}
