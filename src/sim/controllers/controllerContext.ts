import type { RawObject, SimKind } from '../simStore.js';

/** What a controller's reconcile needs: reads, writes (marked as the controllers' own), a clock. */
export interface ControllerContext {
  get(kind: SimKind, namespace: string, name: string): RawObject | undefined;
  put(kind: SimKind, object: Record<string, unknown>): RawObject;
  remove(kind: SimKind, namespace: string, name: string): void;
  now(): number;
  maxEndpointsPerSlice: number;
  maxEndpointsPerEndpoints: number;
  mirroringMaxEndpointsPerSubset: number;
  /** node name → topology.kubernetes.io/zone of that node. */
  zones: Readonly<Record<string, string>>;
}

/** managedFields entry a kube-controller-manager write leaves behind. */
export function controllerManagedFields(
  at: string,
  apiVersion: string,
  fields: Record<string, unknown>,
): unknown[] {
  return [
    {
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion,
      time: at,
      fieldsType: 'FieldsV1',
      fieldsV1: fields,
    },
  ];
}
