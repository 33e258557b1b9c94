import {
  canonicalIpOrText,
  type FieldRequirement,
  type ParseResult,
  parseFieldSelector,
} from '../../kube/index.js';

/**
 * Field labels the API server selects on whose data the history does not keep (the slimming
 * whitelist drops them): a selector on them could only ever match "" and would look like an answer.
 */
const NOT_RECORDED: Record<string, readonly string[]> = {
  Pod: ['spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.nominatedNodeName'],
  Namespace: ['status.phase'],
};

/**
 * A field selector of the kube API at T: parsed and checked by kube's rules (src/kube), then refused
 * for fields that are not recorded (saying so), with `status.podIP` values in the one spelling the
 * history stores IPs in (an IPv6 written another way still finds its pod).
 */
export function recordedFieldSelector(selector: string, kind: string): ParseResult<FieldRequirement[]> {
  const parsed = parseFieldSelector(selector, kind);
  if (!parsed.ok) return parsed;
  const dropped = parsed.value.find((r) => NOT_RECORDED[kind]?.includes(r.field));
  if (dropped)
    return {
      ok: false,
      error: `field label not supported: ${dropped.field} (endpoints-history does not record it)`,
    };
  return {
    ok: true,
    value: parsed.value.map((r) =>
      r.field === 'status.podIP' && r.value !== '' ? { ...r, value: canonicalIpOrText(r.value) } : r,
    ),
  };
}
