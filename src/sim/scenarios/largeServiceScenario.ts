import { IpAllocator } from '../objects/index.js';
import type { Scenario } from './scenario.js';

export type LargeServiceOptions = { namespace?: string; pods?: number };

/**
 * One service (`big`) with 1200 pods by default: v1 Endpoints is truncated at 1000 addresses and
 * annotated `over-capacity: truncated`, while the EndpointSlices (100 per slice) hold every pod.
 * Then one pod flaps, which rewrites a single slice.
 */
export function largeServiceScenario(options: LargeServiceOptions = {}): Scenario {
  const namespace = options.namespace ?? 'large';
  const pods = options.pods ?? 1200;
  const ips = new IpAllocator({ first: '10.245.0.10', size: 60000 });
  return {
    name: 'large-service',
    description: `a service with ${pods} pods: Endpoints truncated at 1000, slices complete`,
    steps: [
      {
        name: 'deploy-big',
        description: `service big with ${pods} ready pods`,
        run: async (cluster) => {
          cluster.createService({
            namespace,
            name: 'big',
            labels: { app: 'big' },
            selector: { app: 'big' },
            ports: [{ name: 'http', port: 80, targetPort: 8080 }],
          });
          await cluster.createDeployment({
            namespace,
            name: 'big',
            replicas: pods,
            labels: { app: 'big' },
            containerPort: 8080,
            nodes: cluster.nodes,
            ipAllocator: ips,
          });
        },
      },
      {
        name: 'flap-one',
        description: 'one pod goes not-ready and back',
        run: async (cluster, { sleep }) => {
          const pod = cluster.deploymentPods(namespace, 'big')[0];
          if (!pod) return;
          cluster.setReady(namespace, pod, false);
          await sleep(1000);
          cluster.setReady(namespace, pod, true);
        },
      },
    ],
  };
}
