import { matchesFields, parseFieldSelector } from '../../kube/fieldSelector.js';
import { matchesLabels, type ParseResult, parseLabelSelector } from '../../kube/labelSelector.js';
import type { RawObject, SimKind } from '../simStore.js';

/** What a list or watch selects: namespace scope plus label and field selectors. */
export interface ObjectFilter {
  matches: (o: RawObject) => boolean;
  /** True when a label or field selector was given (kube then omits remainingItemCount). */
  hasSelectors: boolean;
}

export function buildObjectFilter(
  kind: SimKind,
  namespace: string | undefined,
  labelSelector: string,
  fieldSelector: string,
): ParseResult<ObjectFilter> {
  const labels = parseLabelSelector(labelSelector);
  if (!labels.ok) return labels;
  const fields = parseFieldSelector(fieldSelector, kind);
  if (!fields.ok) return fields;
  const l = labels.value;
  const f = fields.value;
  return {
    ok: true,
    value: {
      hasSelectors: l.length > 0 || f.length > 0,
      matches: (o) =>
        (namespace === undefined || o.metadata.namespace === namespace) &&
        matchesLabels(l, o.metadata.labels as Record<string, unknown> | undefined) &&
        matchesFields(f, o),
    },
  };
}
