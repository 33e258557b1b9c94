import type { ParseResult } from './labelSelector.js';

export interface FieldRequirement {
  field: string;
  op: 'eq' | 'neq';
  value: string;
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const POD_FIELDS = [...COMMON_FIELDS, 'spec.nodeName', 'status.phase'];

/**
 * Field paths a field selector may name for a kind: every kind has metadata.name and
 * metadata.namespace; pods also spec.nodeName and status.phase (a subset of kube's field label
 * conversions; kube's pod list also has status.podIP, spec.restartPolicy and a few more).
 */
export function supportedFields(kind: string): string[] {
  return kind === 'Pod' ? POD_FIELDS : COMMON_FIELDS;
}

/**
 * Parses a field selector (`f=v`, `f==v`, `f!=v`, comma = AND). Unknown fields fail as kube does,
 * with `field label not supported: <field>`.
 */
export function parseFieldSelector(selector: string, kind: string): ParseResult<FieldRequirement[]> {
  if (selector.trim() === '') return { ok: true, value: [] };
  const out: FieldRequirement[] = [];
  for (const part of selector.split(',')) {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) return { ok: false, error: `invalid selector: '${selector}'; can't understand '${part}'` };
    if (!supportedFields(kind).includes(m[1]!))
      return { ok: false, error: `field label not supported: ${m[1]}` };
    out.push({ field: m[1]!, op: m[2] === '!=' ? 'neq' : 'eq', value: m[3]! });
  }
  return { ok: true, value: out };
}

function fieldValue(obj: object, field: string): string {
  let cur: unknown = obj;
  for (const seg of field.split('.')) {
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

/** True when the raw object satisfies every field requirement (absent fields read as ""). */
export function matchesFields(reqs: readonly FieldRequirement[], obj: object): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === 'eq'));
}
