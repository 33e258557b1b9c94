import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../src/model/index.js';
import { fullEndpointSlice, fullPod, slimmed } from './fixtures.js';

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

describe('contentHash', () => {
  it('is 16 lower-case hex digits', () => {
    expect(contentHash(slimmed('Pod', fullPod()))).toMatch(/^[0-9a-f]{16}$/);
  });

  // Stored hashes are compared with new ones at every relist: a different digest would make every
  // stored object look modified after an upgrade.
  it('is the first 16 hex digits of the SHA-256 of the canonical JSON, as stored by earlier versions', () => {
    const pod = slimmed('Pod', fullPod());
    const sha = createHash('sha256').update(canonicalJson(pod)).digest('hex');
    expect(contentHash(pod)).toBe(sha.slice(0, 16));
  });

  it('leaves the object it serialises as it was, resourceVersion included', () => {
    const pod = slimmed('Pod', fullPod());
    const before = JSON.stringify(pod);
    expect(canonicalJson(pod)).toContain('"resourceVersion":""');
    expect(JSON.stringify(pod)).toBe(before);
    expect(pod.meta.resourceVersion).not.toBe('');
  });

  it('does not depend on the key order of the raw object', () => {
    const raw = fullEndpointSlice();
    expect(contentHash(slimmed('EndpointSlice', reverseKeys(raw)))).toBe(
      contentHash(slimmed('EndpointSlice', raw)),
    );
    expect(JSON.stringify(slimmed('EndpointSlice', reverseKeys(raw)))).toBe(
      JSON.stringify(slimmed('EndpointSlice', raw)),
    );
  });

  it('does not change when only the resourceVersion (or a dropped field) changes', () => {
    const before = fullPod();
    const after = fullPod();
    (after.metadata as Record<string, unknown>).resourceVersion = '99999';
    (after.status as Record<string, unknown>).startTime = '2030-01-01T00:00:00Z';
    expect(contentHash(slimmed('Pod', after))).toBe(contentHash(slimmed('Pod', before)));
  });

  it('changes when readiness changes', () => {
    const after = fullPod();
    const conditions = (after.status as { conditions: { type: string; status: string }[] }).conditions;
    conditions.find((c) => c.type === 'Ready')!.status = 'False';
    expect(contentHash(slimmed('Pod', after))).not.toBe(contentHash(slimmed('Pod', fullPod())));

    const slice = fullEndpointSlice();
    (slice.endpoints as { conditions: { ready: boolean } }[])[0]!.conditions.ready = false;
    expect(contentHash(slimmed('EndpointSlice', slice))).not.toBe(
      contentHash(slimmed('EndpointSlice', fullEndpointSlice())),
    );
  });

  it('does not modify the object it hashes', () => {
    const object = slimmed('Pod', fullPod());
    contentHash(object);
    expect(object.meta.resourceVersion).toBe('48260');
  });
});
