import { setTimeout as sleep } from 'node:timers/promises';
import { type IpAllocator, mulberry32, type Rng } from '../objects/index.js';
import type { SimStore } from '../simStore.js';
import type { Deployment, SimClusterOptions } from './types.js';

/** Everything a SimCluster's verbs read and mutate; the verb modules take it as their first argument. */
export type ClusterState = {
  readonly store: SimStore;
  readonly nodes: string[];
  readonly zones: Readonly<Record<string, string>>;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly podStepMs: number;
  readonly terminationStepMs: number;
  readonly rng: Rng;
  /** Keyed `namespace/name`. */
  readonly deployments: Map<string, Deployment>;
  /** Keyed `namespace/name` of a running pod: the allocator its IPs go back to on deletion. */
  readonly podAllocators: Map<string, IpAllocator>;
  readonly cordoned: Set<string>;
};

const DEFAULT_ZONES = { 'node-1': 'zone-a', 'node-2': 'zone-b', 'node-3': 'zone-c' };

/** Resolves the options' defaults: Date.now, real sleep, 500 ms pod steps, 1 s termination steps, random seed. */
export function makeClusterState(store: SimStore, options: SimClusterOptions): ClusterState {
  const zones = { ...(options.zones ?? DEFAULT_ZONES) };
  return {
    store,
    zones,
    nodes: Object.keys(zones),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? sleep,
    podStepMs: options.podStepMs ?? 500,
    terminationStepMs: options.terminationStepMs ?? 1000,
    rng: mulberry32(options.seed ?? Math.floor(Math.random() * 2 ** 32)),
    deployments: new Map(),
    podAllocators: new Map(),
    cordoned: new Set(),
  };
}
