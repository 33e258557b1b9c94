import { canonicalIpOrText } from '../model/canonicalIp.js';

/** One requirement of a field selector: `field=value`, `field==value` or `field!=value`. */
export interface FieldRequirement {
  field: string;
  op: 'eq' | 'neq';
  value: string;
}

export type FieldParse = { ok: true; value: FieldRequirement[] } | { ok: false; error: string };

const COMMON = ['metadata.name', 'metadata.namespace'];

/** Field labels each kind selects on (kube's field label conversions, limited to what is recorded). */
const FIELDS: Record<string, readonly string[]> = {
  Pod: [...COMMON, 'spec.nodeName', 'spec.hostNetwork', 'status.phase', 'status.podIP'],
  Service: COMMON,
  Endpoints: COMMON,
  EndpointSlice: COMMON,
  Namespace: ['metadata.name', 'status.phase'],
};

/** Field labels the real API server supports but the history cannot answer: their data is not stored. */
const NOT_RECORDED: Record<string, readonly string[]> = {
  Pod: ['spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.nominatedNodeName'],
};

/** Splits on `sep` outside backslash escapes, keeping the escapes (undone in `unescaped`). */
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
 * `\` escapes `,`, `=` and `!`) and checks every field against the kind's field labels: an unknown one
 * fails with kube's wording, `field label not supported: <field>`; one the server knows but whose data
 * the history does not store fails saying so.
 */
export function parseFieldRequirements(selector: string, kind: string): FieldParse {
  if (selector.trim() === '') return { ok: true, value: [] };
  const out: FieldRequirement[] = [];
  for (const part of splitEscaped(selector, ',')) {
    const m = /^\s*((?:\\.|[^=!\s\\])+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) return { ok: false, error: `invalid selector: '${selector}'; can't understand '${part}'` };
    const field = unescaped(m[1]!);
    if (NOT_RECORDED[kind]?.includes(field))
      return {
        ok: false,
        error: `field label not supported: ${field} (endpoints-history does not record it)`,
      };
    if (!FIELDS[kind]?.includes(field)) return { ok: false, error: `field label not supported: ${field}` };
    let value = unescaped(m[3]!);
    if (field === 'status.podIP' && value !== '') value = canonicalIpOrText(value);
    out.push({ field, op: m[2] === '!=' ? 'neq' : 'eq', value });
  }
  return { ok: true, value: out };
}

/** The value of a field label on a served object (absent reads as "", a boolean as true/false). */
function fieldValue(obj: Record<string, unknown>, field: string): string {
  let cur: unknown = obj;
  for (const seg of field.split('.'))
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
  if (field === 'spec.hostNetwork') return cur === true ? 'true' : 'false';
  return cur === undefined || cur === null ? '' : String(cur);
}

/** True when the served object satisfies every requirement. */
export function matchesFieldRequirements(
  reqs: readonly FieldRequirement[],
  obj: Record<string, unknown>,
): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === 'eq'));
}
