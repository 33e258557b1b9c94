/**
 * A simulated API server on a thread of its own (workerData: { kubeconfig }), so that a test can
 * block its own main thread while the cluster keeps changing. Messages: `flip` toggles the pod's
 * readiness and answers `flipped` with the time just before the write; `stop` ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SimStore, startSimServer } from '../../../src/sim/index.js';
import { rawPod } from '../../helpers/k8s.js';

const port = parentPort!;
const store = new SimStore();
let ready = true;
const pod = () => rawPod({ uid: 'pod-1', name: 'web-1', ips: ['10.1.0.1'], ready });
store.put('Pod', pod());
const server = await startSimServer(store);
server.writeKubeconfig((workerData as { kubeconfig: string }).kubeconfig, { contextName: 'threads' });
port.postMessage({ type: 'ready' });
port.on('message', (message: { type: 'flip' | 'stop' }) => {
  if (message.type === 'flip') {
    ready = !ready;
    const before = Date.now();
    const written = store.put('Pod', pod()) as { metadata: { resourceVersion: string } };
    port.postMessage({ type: 'flipped', before, rv: written.metadata.resourceVersion });
  } else {
    void server.stop().then(() => port.close());
  }
});
