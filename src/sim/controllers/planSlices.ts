import type {
  AddressType,
  EndpointSliceJson,
  SliceEndpointJson,
  SlicePortJson,
  StringMap,
} from '../../kube/types.js';
import { ANNOTATION_TRIGGER_TIME } from '../../kube/wellKnown.js';
import { getOrCreate } from '../../util/getOrCreate.js';
import { deepEqual } from './deepEqual.js';

/** Endpoints that share an address type and a resolved port list, i.e. may share slices. */
export type DesiredSliceGroup = {
  addressType: AddressType;
  ports: SlicePortJson[];
  endpoints: SliceEndpointJson[];
};

/** A slice to write; `name` is absent for creations (generateName completes it). */
export type PlannedSlice = {
  name?: string;
  addressType: AddressType;
  ports: SlicePortJson[];
  endpoints: SliceEndpointJson[] | null;
};

export type SlicePlan = { create: PlannedSlice[]; update: PlannedSlice[]; remove: EndpointSliceJson[] };

export type SlicePlanInput = {
  /** The slices this controller already manages for this owner. */
  existing: readonly EndpointSliceJson[];
  desired: readonly DesiredSliceGroup[];
  /** Address types this owner may have; existing slices of other types are removed. */
  addressTypes: readonly AddressType[];
  maxEndpointsPerSlice: number;
  /** Keep one empty slice per address type when there is nothing to publish (slice controller only). */
  placeholder: boolean;
  labels: StringMap;
  /** Desired annotations, not counting the trigger time. */
  annotations: StringMap;
};

/** Endpoint identity across slices: target pod uid + addresses + hostname (endpointsliceutil hash). */
export function endpointKey(ep: SliceEndpointJson): string {
  return `${ep.targetRef?.uid ?? ''}|${[...ep.addresses].sort().join(',')}|${ep.hostname ?? ''}`;
}

/** Port-list identity (NewPortMapKey): slices only hold endpoints whose resolved ports are equal. */
export function portsKey(ports: readonly SlicePortJson[] | null): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ''}/${p.protocol ?? ''}/${p.port ?? ''}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}

function metaMatches(slice: EndpointSliceJson, input: SlicePlanInput): boolean {
  const annotations = { ...(slice.metadata.annotations ?? {}) };
  delete annotations[ANNOTATION_TRIGGER_TIME];
  return deepEqual(slice.metadata.labels ?? {}, input.labels) && deepEqual(annotations, input.annotations);
}

const byName = (a: EndpointSliceJson, b: EndpointSliceJson): number =>
  (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;

/**
 * The EndpointSlice reconciler's plan (k8s.io/endpointslice reconciler.go), made deterministic:
 * 1. in each existing slice keep the endpoints still desired (taking their new version) and drop the
 *    rest; a slice left empty is removed, a changed one updated, the others untouched;
 * 2. fill the updated slices, fullest first, with endpoints not yet placed;
 * 3. put what is left into the untouched slice that ends closest to full, else into new slices.
 * So one pod's change rewrites only the slice that holds it. Then, per address type, a placeholder
 * slice when nothing is published, and creations turned into updates of slices that would be removed.
 */
export function planSlices(input: SlicePlanInput): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], remove: [] };
  const supported = new Set(input.addressTypes);
  for (const slice of input.existing) if (!supported.has(slice.addressType)) plan.remove.push(slice);

  for (const addressType of input.addressTypes) {
    const existing = input.existing.filter((s) => s.addressType === addressType).sort(byName);
    const byPorts = new Map<string, EndpointSliceJson[]>();
    for (const s of existing) getOrCreate(byPorts, portsKey(s.ports), () => []).push(s);
    const wanted = new Set<string>();
    const create: PlannedSlice[] = [];
    const remove: EndpointSliceJson[] = [];
    for (const group of input.desired.filter((g) => g.addressType === addressType)) {
      const key = portsKey(group.ports);
      wanted.add(key);
      const r = planPortGroup(byPorts.get(key) ?? [], group, input);
      create.push(...r.create);
      plan.update.push(...r.update);
      remove.push(...r.remove);
    }
    for (const [key, slices] of byPorts) if (!wanted.has(key)) remove.push(...slices);

    if (input.placeholder && existing.length === remove.length && create.length === 0) {
      const only = remove[0];
      const isPlaceholder =
        remove.length === 1 &&
        only !== undefined &&
        (only.endpoints ?? []).length === 0 &&
        (only.ports ?? []).length === 0 &&
        metaMatches(only, input);
      if (isPlaceholder) remove.length = 0;
      else create.push({ addressType, ports: [], endpoints: null });
    }
    plan.create.push(...create);
    plan.remove.push(...remove);
  }

  // Reuse the names of slices that would be removed rather than delete + create (finalize()).
  for (let i = 0; i < plan.remove.length && plan.create.length > 0; ) {
    const doomed = plan.remove[i] as EndpointSliceJson;
    const last = plan.create[plan.create.length - 1] as PlannedSlice;
    if (doomed.addressType === last.addressType) {
      plan.create.pop();
      plan.update.push({ ...last, name: doomed.metadata.name as string });
      plan.remove.splice(i, 1);
    } else {
      i++;
    }
  }
  return plan;
}

function planPortGroup(
  existing: readonly EndpointSliceJson[],
  group: DesiredSliceGroup,
  input: SlicePlanInput,
): { create: PlannedSlice[]; update: PlannedSlice[]; remove: EndpointSliceJson[] } {
  const max = input.maxEndpointsPerSlice;
  const left = new Map(group.endpoints.map((ep) => [endpointKey(ep), ep]));
  const updated = new Map<string, PlannedSlice>();
  const unchanged: EndpointSliceJson[] = [];
  const remove: EndpointSliceJson[] = [];
  const base = { addressType: group.addressType, ports: group.ports };

  for (const slice of existing) {
    const old = slice.endpoints ?? [];
    const kept: SliceEndpointJson[] = [];
    let changed = false;
    for (const ep of old) {
      const key = endpointKey(ep);
      const want = left.get(key);
      if (!want) continue;
      kept.push(want);
      if (!deepEqual(want, ep)) changed = true;
      left.delete(key);
    }
    const name = slice.metadata.name as string;
    if (changed || kept.length !== old.length) {
      if (kept.length === 0) remove.push(slice);
      else updated.set(name, { ...base, name, endpoints: kept });
    } else if (!metaMatches(slice, input)) {
      updated.set(name, { ...base, name, endpoints: kept });
    } else {
      unchanged.push(slice);
    }
  }

  const take = (target: SliceEndpointJson[]): void => {
    for (const [key, ep] of left) {
      if (target.length >= max) break;
      target.push(ep);
      left.delete(key);
    }
  };
  if (left.size > 0) {
    const fullestFirst = [...updated.values()].sort(
      (a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0),
    );
    for (const s of fullestFirst) take(s.endpoints as SliceEndpointJson[]);
  }

  const create: PlannedSlice[] = [];
  while (left.size > 0) {
    let target: PlannedSlice | undefined;
    if (left.size < max) {
      let best: EndpointSliceJson | undefined;
      for (const s of unchanged) {
        const n = s.endpoints?.length ?? 0;
        if (n + left.size <= max && (!best || n > (best.endpoints?.length ?? 0))) best = s;
      }
      if (best) {
        unchanged.splice(unchanged.indexOf(best), 1);
        const name = best.metadata.name as string;
        target = { ...base, name, endpoints: [...(best.endpoints ?? [])] };
        updated.set(name, target);
      }
    }
    if (!target) {
      target = { ...base, endpoints: [] };
      create.push(target);
    }
    take(target.endpoints as SliceEndpointJson[]);
  }
  return { create, update: [...updated.values()], remove };
}
