import { endpointSliceObject } from '../../kube/objects/index.js';
import type { EndpointSliceJson, OwnerReferenceJson, StringMap } from '../../kube/types.js';
import { ANNOTATION_TRIGGER_TIME } from '../../kube/wellKnown.js';
import { rfc3339, rfc3339Nano } from '../objects/time.js';
import { type ControllerContext, controllerManagedFields } from './controllerContext.js';
import type { PlannedSlice, SlicePlan } from './planSlices.js';

export type SliceMeta = {
  namespace: string;
  generateName: string;
  labels: StringMap;
  annotations: StringMap;
  ownerReference: OwnerReferenceJson;
  /** Stamp `last-change-trigger-time` on every written slice (slice controller yes, mirroring no). */
  triggerTime: boolean;
};

/**
 * Carries out a plan in the order the real reconciler does — creates, then updates, then deletes —
 * so that during a change an endpoint can briefly be in two slices, as on a real cluster.
 */
export function writeSlicePlan(
  ctx: ControllerContext,
  plan: SlicePlan,
  existing: readonly EndpointSliceJson[],
  meta: SliceMeta,
): void {
  if (plan.create.length + plan.update.length + plan.remove.length === 0) return;
  const at = ctx.now();
  const annotations: StringMap = { ...meta.annotations };
  if (meta.triggerTime) annotations[ANNOTATION_TRIGGER_TIME] = rfc3339Nano(at);
  const managedFields = controllerManagedFields(rfc3339(at), 'discovery.k8s.io/v1', {
    'f:addressType': {},
    'f:endpoints': {},
    'f:metadata': { 'f:labels': {}, 'f:ownerReferences': {} },
    'f:ports': {},
  });
  const write = (planned: PlannedSlice, old: EndpointSliceJson | undefined): void => {
    const slice = endpointSliceObject({
      metadata: {
        ...(old?.metadata ?? { generateName: meta.generateName, namespace: meta.namespace }),
        labels: meta.labels,
        annotations,
        ownerReferences: [{ ...meta.ownerReference }],
        managedFields,
      },
      addressType: planned.addressType,
      endpoints: planned.endpoints,
      ports: planned.ports,
    });
    ctx.put('EndpointSlice', slice);
  };
  for (const planned of plan.create) write(planned, undefined);
  for (const planned of plan.update) {
    const old = existing.find((s) => s.metadata.name === planned.name);
    write(planned, old);
  }
  for (const slice of plan.remove) ctx.remove('EndpointSlice', meta.namespace, slice.metadata.name as string);
}
