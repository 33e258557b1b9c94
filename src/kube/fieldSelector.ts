import type { ParseResult } from './labelSelector.js';

export interface FieldRequirement {
  field: string;
  op: 'eq' | 'neq';
  value: string;
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];

/**
 * Field labels per kind, as kube's field label conversion functions accept them
 * (pkg/apis/core/v1/conversion.go: pods, namespaces; every other kind has the metadata pair).
 */
const FIELDS: Record<string, readonly string[]> = {
  Pod: [
    ...COMMON_FIELDS,
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Namespace: ['metadata.name', 'status.phase'],
};

/**
 * Field paths a field selector may name for a kind: every kind has metadata.name and
 * metadata.namespace (a Namespace only metadata.name); pods those of kube's pod field label
 * conversion (spec.nodeName, status.phase, status.podIP, …); namespaces also status.phase.
 */
export function supportedFields(kind: string): readonly string[] {
  return FIELDS[kind] ?? COMMON_FIELDS;
}

/** Splits on `sep` outside backslash escapes, keeping the escapes (undone by `unescaped`). */
function splitEscaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + s[i + 1];
      i++;
    } else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const unescaped = (s: string): string => s.replace(/\\(.)/g, '$1');

/**
 * Parses a field selector as kube's `fields.ParseSelector` does (`f=v`, `f==v`, `f!=v`, comma = AND,
 * `\` escapes `,`, `=` and `!` in values). Unknown fields fail as kube does, with
 * `field label not supported: <field>`.
 */
export function parseFieldSelector(selector: string, kind: string): ParseResult<FieldRequirement[]> {
  if (selector.trim() === '') return { ok: true, value: [] };
  const out: FieldRequirement[] = [];
  for (const part of splitEscaped(selector, ',')) {
    const m = /^\s*((?:\\.|[^=!\s\\])+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) return { ok: false, error: `invalid selector: '${selector}'; can't understand '${part}'` };
    const field = unescaped(m[1]!);
    if (!supportedFields(kind).includes(field))
      return { ok: false, error: `field label not supported: ${field}` };
    out.push({ field, op: m[2] === '!=' ? 'neq' : 'eq', value: unescaped(m[3]!) });
  }
  return { ok: true, value: out };
}

/**
 * A field's value on a raw object as kube's selectable fields set it: absent reads as "",
 * `spec.hostNetwork` as "true"/"false", `status.podIP` as the first of `status.podIPs` when only
 * those are set.
 */
function fieldValue(obj: object, field: string): string {
  let cur: unknown = obj;
  for (const seg of field.split('.')) {
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
  }
  if (field === 'spec.hostNetwork') return cur === true ? 'true' : 'false';
  if (field === 'status.podIP' && (cur === undefined || cur === null)) {
    const ips = (obj as { status?: { podIPs?: { ip?: unknown }[] } }).status?.podIPs;
    const first = Array.isArray(ips) ? ips[0]?.ip : undefined;
    return typeof first === 'string' ? first : '';
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

/** True when the raw object satisfies every field requirement. */
export function matchesFields(reqs: readonly FieldRequirement[], obj: object): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === 'eq'));
}
