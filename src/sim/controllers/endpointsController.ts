import { endpointsObject } from '../../kube/objects/index.js';
import type { EndpointsJson, PodJson, ServiceJson, StringMap } from '../../kube/types.js';
import { ANNOTATION_OVER_CAPACITY, ANNOTATION_TRIGGER_TIME, LABEL_HEADLESS } from '../../kube/wellKnown.js';
import { rfc3339, rfc3339Nano } from '../objects/time.js';
import { computeEndpoints } from './computeEndpoints.js';
import { type ControllerContext, controllerManagedFields } from './controllerContext.js';
import { deepEqual } from './deepEqual.js';
import { hasSelector, isHeadless } from './podRules.js';

/** Endpoints labels: the Service's, plus `service.kubernetes.io/headless: ""` for headless services. */
export function endpointsLabels(svc: ServiceJson): StringMap {
  const labels: StringMap = { ...(svc.metadata.labels ?? {}) };
  if (isHeadless(svc)) labels[LABEL_HEADLESS] = '';
  else delete labels[LABEL_HEADLESS];
  return labels;
}

/**
 * One sync of the Endpoints controller for `namespace/name` (endpoints_controller.go syncService).
 * A deleted Service takes its Endpoints with it (whoever wrote them). ExternalName and selector-less
 * services are left alone — their Endpoints, if any, belong to someone else; losing a selector does
 * not delete the old Endpoints, as in the real controller. Otherwise the desired Endpoints are written
 * only when subsets, labels or the over-capacity annotation differ from what is stored; each write
 * stamps `last-change-trigger-time` with the clock.
 */
export function reconcileEndpoints(
  ctx: ControllerContext,
  namespace: string,
  name: string,
  svc: ServiceJson | undefined,
  pods: Iterable<PodJson>,
  serviceDeleted: boolean,
): void {
  const existing = ctx.get('Endpoints', namespace, name) as unknown as EndpointsJson | undefined;
  if (!svc) {
    if (serviceDeleted && existing) ctx.remove('Endpoints', namespace, name);
    return;
  }
  if (svc.spec.type === 'ExternalName' || !hasSelector(svc)) return;

  const { subsets, truncated } = computeEndpoints(svc, pods, ctx.maxEndpointsPerEndpoints);
  const labels = endpointsLabels(svc);
  if (
    existing &&
    deepEqual(existing.subsets ?? [], subsets) &&
    deepEqual(existing.metadata.labels ?? {}, labels) &&
    (existing.metadata.annotations?.[ANNOTATION_OVER_CAPACITY] !== undefined) === truncated
  ) {
    return;
  }
  const at = ctx.now();
  const annotations: StringMap = { ...(existing?.metadata.annotations ?? {}) };
  annotations[ANNOTATION_TRIGGER_TIME] = rfc3339Nano(at);
  if (truncated) annotations[ANNOTATION_OVER_CAPACITY] = 'truncated';
  else delete annotations[ANNOTATION_OVER_CAPACITY];
  const body = endpointsObject({
    metadata: {
      ...(existing?.metadata ?? {}),
      name,
      namespace,
      labels,
      annotations,
      managedFields: controllerManagedFields(rfc3339(at), 'v1', {
        'f:metadata': { 'f:annotations': { [`f:${ANNOTATION_TRIGGER_TIME}`]: {} }, 'f:labels': {} },
        'f:subsets': {},
      }),
    },
    subsets,
  });
  ctx.put('Endpoints', body);
}
