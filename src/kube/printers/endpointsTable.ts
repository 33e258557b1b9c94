import type { V1Endpoints } from '../v1Endpoints.js';
import { PRINTERS } from './printers.js';
import { printTable } from './printTable.js';

/**
 * `kubectl get endpoints` for objects as of `at`: NAME, ENDPOINTS (printers.go formatEndpoints: ready
 * ip:port pairs, three then ` + N more...`, `<none>` without subsets), AGE (HumanDuration since
 * creation, relative to `at`). `allNamespaces` prepends NAMESPACE, as `-A` does.
 */
export function endpointsTable(objects: readonly V1Endpoints[], at: number, allNamespaces: boolean): string {
  return printTable(PRINTERS.Endpoints, objects, at, { wide: false, allNamespaces });
}
