import { IpAllocator, mulberry32, pick } from '../objects/index.js';
import type { Scenario, ScenarioStep } from './scenario.js';

export type ChurnOptions = {
  services: number;
  podsPerService: number;
  seed: number;
  /** Random changes after the setup (default 50). */
  rounds?: number;
  namespace?: string;
};

const ACTIONS = ['flap', 'restart', 'scale', 'roll'] as const;
type Action = (typeof ACTIONS)[number];

/**
 * Load: `services` services (`svc-0`…) each backed by a deployment of `podsPerService` pods, then
 * `rounds` random changes — readiness flaps (most), pod restarts, scale ±1, rollouts. The choice of
 * service, action and pod is drawn from mulberry32(seed), so the same seed (and the same cluster
 * seed) replays the same history.
 */
export function churnScenario(options: ChurnOptions): Scenario {
  const namespace = options.namespace ?? 'churn';
  const rng = mulberry32(options.seed);
  const ips = new IpAllocator({ first: '10.250.0.10', size: 60000 });
  const names = Array.from({ length: options.services }, (_, i) => `svc-${i}`);
  const replicas = new Map(names.map((n) => [n, options.podsPerService]));
  const setup: ScenarioStep = {
    name: 'setup',
    description: `${options.services} services × ${options.podsPerService} pods in ${namespace}`,
    run: async (cluster) => {
      for (const name of names) {
        cluster.createService({
          namespace,
          name,
          labels: { app: name },
          selector: { app: name },
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
        });
        await cluster.createDeployment({
          namespace,
          name,
          replicas: options.podsPerService,
          labels: { app: name },
          containerPort: 8080,
          nodes: cluster.nodes,
          ipAllocator: ips,
        });
      }
    },
  };
  const rounds: ScenarioStep[] = Array.from({ length: options.rounds ?? 50 }, (_, i) => {
    const name = pick(rng, names);
    const roll = rng();
    const action: Action = roll < 0.55 ? 'flap' : roll < 0.8 ? 'restart' : roll < 0.95 ? 'scale' : 'roll';
    const podIndex = Math.floor(rng() * 1_000_000);
    const grow = rng() < 0.5;
    return {
      name: `round-${i}-${action}`,
      description: `${action} on ${name}`,
      run: async (cluster, { sleep }) => {
        const pods = cluster.deploymentPods(namespace, name);
        const pod = pods[podIndex % Math.max(pods.length, 1)];
        const want = replicas.get(name) ?? options.podsPerService;
        if (action === 'flap' && pod) {
          cluster.setReady(namespace, pod, false);
          await sleep(100);
          cluster.setReady(namespace, pod, true);
        } else if (action === 'restart' && pod) {
          await cluster.deletePod(namespace, pod);
          await cluster.scaleDeployment(namespace, name, want);
        } else if (action === 'scale') {
          const next = Math.max(1, want + (grow ? 1 : -1));
          replicas.set(name, next);
          await cluster.scaleDeployment(namespace, name, next);
        } else if (action === 'roll') {
          await cluster.rollDeployment(namespace, name);
        }
      },
    };
  });
  return { name: 'churn', description: `seeded churn (seed ${options.seed})`, steps: [setup, ...rounds] };
}
