import { buildTable, type KubeResource, type TableRequest } from '../../kube/index.js';
import type { KubeJson } from './kubeObjects.js';

/**
 * A meta.k8s.io Table of served objects with kubectl's own columns (src/kube's printers, the ones
 * the CLI prints with), every cell as of `at` (the moment asked, so AGE is the age the object had
 * then). Every served resource has a printer; a missing one is a programming error.
 */
export function servedTable(
  r: KubeResource,
  objects: readonly KubeJson[],
  listMeta: Record<string, unknown>,
  request: TableRequest,
  at: number,
): Record<string, unknown> {
  const table = buildTable(r.kind, r.apiVersion, [...objects], listMeta, request, at);
  if (table === null) throw new Error(`no table printer for kind ${r.kind}`);
  return table;
}
