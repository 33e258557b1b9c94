import { formatEndpointsCell, translateTimestampSince } from '../../sim/server/tables/index.js';
import { kubectlTable } from './tabwrite.js';
import type { V1Endpoints } from './v1Endpoints.js';

/**
 * `kubectl get endpoints` for objects as of `at`: NAME, ENDPOINTS (printers.go formatEndpoints: ready
 * ip:port pairs, three then ` + N more...`, `<none>` without subsets), AGE (HumanDuration since
 * creation, relative to `at`). `allNamespaces` prepends NAMESPACE, as `-A` does.
 */
export function endpointsTable(objects: readonly V1Endpoints[], at: number, allNamespaces: boolean): string {
  const header = ['NAME', 'ENDPOINTS', 'AGE'];
  const rows = objects.map((o) => [
    o.metadata.name,
    formatEndpointsCell(o, 3),
    translateTimestampSince(o.metadata.creationTimestamp, at),
  ]);
  const all = [header, ...rows];
  return kubectlTable(
    allNamespaces
      ? all.map((r, i) => [i === 0 ? 'NAMESPACE' : objects[i - 1]!.metadata.namespace, ...r])
      : all,
  );
}
