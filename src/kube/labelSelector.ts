/** One parsed label-selector requirement. */
export type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Splits on commas outside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseOne(raw: string): LabelRequirement | string {
  const s = raw.trim();
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(s);
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim());
    if (!KEY.test(set[1]!) || values.some((v) => !VALUE.test(v))) return `unable to parse requirement: ${s}`;
    return { op: set[2] as 'in' | 'notin', key: set[1]!, values };
  }
  const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(s);
  if (cmp) {
    if (!KEY.test(cmp[1]!) || !VALUE.test(cmp[3]!)) return `unable to parse requirement: ${s}`;
    return { op: cmp[2] === '!=' ? 'neq' : 'eq', key: cmp[1]!, value: cmp[3]! };
  }
  const not = /^!\s*(\S+)$/.exec(s);
  if (not) return KEY.test(not[1]!) ? { op: 'notexists', key: not[1]! } : `unable to parse requirement: ${s}`;
  if (KEY.test(s)) return { op: 'exists', key: s };
  return `unable to parse requirement: ${s}`;
}

/**
 * Parses a Kubernetes label selector: `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`,
 * requirements joined by commas (AND). The empty selector matches everything.
 */
export function parseLabelSelector(selector: string): ParseResult<LabelRequirement[]> {
  if (selector.trim() === '') return { ok: true, value: [] };
  const reqs: LabelRequirement[] = [];
  for (const part of splitTop(selector)) {
    const r = parseOne(part);
    if (typeof r === 'string') return { ok: false, error: r };
    reqs.push(r);
  }
  return { ok: true, value: reqs };
}

/** True when `labels` satisfies every requirement (`!=` and `notin` also match an absent key, as in kube). */
export function matchesLabels(
  reqs: readonly LabelRequirement[],
  labels: Record<string, unknown> | undefined,
): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const v = has ? String(l[r.key]) : undefined;
    switch (r.op) {
      case 'eq':
        return has && v === r.value;
      case 'neq':
        return !has || v !== r.value;
      case 'in':
        return has && r.values.includes(v!);
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case 'notexists':
        return !has;
    }
    return false;
  });
}
