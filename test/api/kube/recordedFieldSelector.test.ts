import { describe, expect, it } from 'vitest';
import { recordedFieldSelector } from '../../../src/api/kube/recordedFieldSelector.js';
import { matchesFields } from '../../../src/kube/index.js';

describe('field selectors of the kube API at T', () => {
  it('refuses a field the API server knows but the history does not record, saying so', () => {
    expect(recordedFieldSelector('spec.restartPolicy=Always', 'Pod')).toEqual({
      ok: false,
      error: 'field label not supported: spec.restartPolicy (endpoints-history does not record it)',
    });
    expect(recordedFieldSelector('status.nominatedNodeName=n1', 'Pod').ok).toBe(false);
    expect(recordedFieldSelector('status.phase=Active', 'Namespace').ok).toBe(false);
  });

  it("keeps kube's own refusal for a field the kind has not (an operator's typo)", () => {
    expect(recordedFieldSelector('spec.nodname=a', 'Pod')).toEqual({
      ok: false,
      error: 'field label not supported: spec.nodname',
    });
  });

  it('finds a pod by an IPv6 written another way than the history stores it', () => {
    const r = recordedFieldSelector('status.podIP=2001:DB8:0::1,spec.nodeName=node-a', 'Pod');
    if (!r.ok) throw new Error(r.error);
    const pod = { spec: { nodeName: 'node-a' }, status: { podIP: '2001:db8::1' } };
    expect(matchesFields(r.value, pod)).toBe(true);
    // text that is no IP is compared as written (matches nothing rather than failing)
    const junk = recordedFieldSelector('status.podIP=not-an-ip', 'Pod');
    expect(junk.ok && matchesFields(junk.value, pod)).toBe(false);
  });
});
