import { describe, expect, it } from 'vitest';
import { type Kind, MAX_OBJECT_BYTES, slimObject } from '../../src/model/index.js';
import { fullEndpointSlice, fullPod, meta } from './fixtures.js';

function hugePod(): Record<string, unknown> {
  const pod = fullPod();
  const spec = pod.spec as { containers: Record<string, unknown>[] };
  spec.containers[0]!.env = [{ name: 'BLOB', value: 'x'.repeat(5 * 1024 * 1024) }];
  return pod;
}

describe('slimObject', () => {
  it('slims a list item, which carries no kind or apiVersion', () => {
    const item = fullPod();
    delete item.kind;
    delete item.apiVersion;
    const result = slimObject('Pod', item);
    expect(result.ok).toBe(true);
  });

  it('rejects a watch object whose kind differs from the watched kind', () => {
    expect(slimObject('Service', fullPod())).toEqual({
      ok: false,
      reason: 'kind-mismatch',
      detail: 'expected Service, got "Pod"',
    });
  });

  it('rejects a kind it does not record', () => {
    expect(slimObject('ConfigMap' as Kind, { metadata: meta() })).toMatchObject({
      ok: false,
      reason: 'unknown-kind',
    });
  });

  it.each([null, 'pod', 42, [{ metadata: {} }]])('rejects %j as not-an-object', (raw) => {
    expect(slimObject('Pod', raw)).toMatchObject({ ok: false, reason: 'not-an-object' });
  });

  it.each([
    ['no metadata', {}, 'missing-uid'],
    ['an empty uid', { metadata: meta({ uid: '' }) }, 'missing-uid'],
    ['no uid', { metadata: meta({ uid: undefined }) }, 'missing-uid'],
    ['no name', { metadata: meta({ name: undefined }) }, 'missing-name'],
    ['no resourceVersion', { metadata: meta({ resourceVersion: undefined }) }, 'missing-resource-version'],
    ['no namespace', { metadata: meta({ namespace: undefined }) }, 'invalid-field'],
    ['a numeric uid', { metadata: meta({ uid: 7 }) }, 'invalid-field'],
    ['metadata as an array', { metadata: [] }, 'invalid-field'],
    ['labels with a number value', { metadata: meta({ labels: { a: 1 } }) }, 'invalid-field'],
    ['ownerReferences as an object', { metadata: meta({ ownerReferences: {} }) }, 'invalid-field'],
    ['status.podIPs as a string', { metadata: meta(), status: { podIPs: '10.0.0.1' } }, 'invalid-field'],
    ['spec.containers as an object', { metadata: meta(), spec: { containers: {} } }, 'invalid-field'],
    [
      'a fractional containerPort',
      { metadata: meta(), spec: { containers: [{ name: 'a', ports: [{ containerPort: 80.5 }] }] } },
      'invalid-field',
    ],
    [
      'a containerPort missing',
      { metadata: meta(), spec: { containers: [{ name: 'a', ports: [{}] }] } },
      'invalid-field',
    ],
    ['hostNetwork as a string', { metadata: meta(), spec: { hostNetwork: 'true' } }, 'invalid-field'],
    [
      'restartCount as a string',
      { metadata: meta(), status: { containerStatuses: [{ name: 'a', restartCount: '1' }] } },
      'invalid-field',
    ],
  ])('rejects a Pod with %s', (_what, raw, reason) => {
    expect(slimObject('Pod', raw)).toMatchObject({ ok: false, reason });
  });

  it('names the offending field in the rejection detail', () => {
    expect(slimObject('Pod', { metadata: meta(), status: { podIPs: '10.0.0.1' } })).toEqual({
      ok: false,
      reason: 'invalid-field',
      detail: 'status.podIPs: expected array, got string',
    });
  });

  it('rejects an object larger than MAX_OBJECT_BYTES, measured when no size is given', () => {
    expect(slimObject('Pod', hugePod())).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('trusts the caller-measured size and honours a custom limit', () => {
    expect(slimObject('Pod', fullPod(), { rawBytes: MAX_OBJECT_BYTES + 1 })).toMatchObject({
      reason: 'too-large',
    });
    expect(slimObject('Pod', fullPod(), { maxBytes: 100 })).toMatchObject({ reason: 'too-large' });
    expect(slimObject('Pod', fullPod(), { rawBytes: 10, maxBytes: 100 }).ok).toBe(true);
  });

  it('ignores fields it does not keep even when they have unexpected types', () => {
    const slice = fullEndpointSlice();
    slice.hints = 'garbage';
    (slice.metadata as Record<string, unknown>).managedFields = 'garbage';
    (slice.metadata as Record<string, unknown>).annotations = {
      other: 12,
      'endpoints.kubernetes.io/over-capacity': 'warning',
    };
    expect(slimObject('EndpointSlice', slice).ok).toBe(true);
  });

  it('rejects instead of throwing on values JSON cannot hold', () => {
    const raw = { metadata: meta(), extra: 10n };
    expect(slimObject('Pod', raw)).toMatchObject({ ok: false, reason: 'invalid-field' });
  });
});
