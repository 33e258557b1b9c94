import { PRINTERS, printTable } from '../../kube/index.js';
import { type SlimPod, v1Pod } from '../../model/index.js';

/** `kubectl get pods` (`wide` adds IP, NODE, NOMINATED NODE, READINESS GATES), AGE relative to `at`. */
export function podsTable(
  pods: readonly SlimPod[],
  at: number,
  options: { wide: boolean; allNamespaces: boolean },
): string {
  return printTable(PRINTERS.Pod, pods.map(v1Pod), at, options);
}
