import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SimStore, startSimServer } from '../../src/sim/index.js';
import { seedCluster } from '../churn/seedCluster.js';

/**
 * `node --import tsx bench/proc/simCluster.ts --pods N --services M --kubeconfig FILE`: a simulated
 * API server holding the bench's seeded cluster, for profiling a recorder started by hand against it
 * (`node --cpu-prof dist/src/cli/main.js record --kubeconfig FILE …`). Prints `ready` once serving;
 * runs until killed.
 */
const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '150000' },
    services: { type: 'string', default: '7500' },
    kubeconfig: { type: 'string', default: 'sim.kubeconfig' },
  },
});
const store = new SimStore();
const seeded = seedCluster(store, Number(values.pods), Number(values.services));
const server = await startSimServer(store, { bookmarkIntervalMs: 5000, otherWritesEveryMs: 1000 });
server.writeKubeconfig(values.kubeconfig, { contextName: 'bench' });
writeFileSync(`${values.kubeconfig}.objects`, String(seeded.objects));
process.stdout.write(`ready ${seeded.objects}\n`);
