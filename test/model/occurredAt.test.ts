import { describe, expect, it } from 'vitest';
import { type Kind, slimObject } from '../../src/model/index.js';
import { accepted, fullEndpointSlice, fullEndpoints, fullPod, fullService, meta } from './fixtures.js';

const occurredAt = (kind: Kind, raw: unknown) => accepted(slimObject(kind, raw)).occurredAt;

const at = (text: string) => Date.parse(text);

describe('occurredAt', () => {
  it('is the latest condition transition of a live pod', () => {
    expect(occurredAt('Pod', fullPod())).toBe(at('2025-06-01T10:05:12Z'));
  });

  it('is the deletion request (deletionTimestamp minus the grace period) of a terminating pod', () => {
    const pod = fullPod();
    Object.assign(pod.metadata as object, {
      deletionTimestamp: '2025-06-01T10:07:30Z',
      deletionGracePeriodSeconds: 30,
    });
    expect(occurredAt('Pod', pod)).toBe(at('2025-06-01T10:07:00Z'));
  });

  it('is a condition transition that came after the deletion request', () => {
    const pod = fullPod();
    Object.assign(pod.metadata as object, {
      deletionTimestamp: '2025-06-01T10:07:30Z',
      deletionGracePeriodSeconds: 30,
    });
    const conditions = (pod.status as { conditions: Record<string, unknown>[] }).conditions;
    conditions.push({ type: 'DisruptionTarget', status: 'True', lastTransitionTime: '2025-06-01T10:07:05Z' });
    expect(occurredAt('Pod', pod)).toBe(at('2025-06-01T10:07:05Z'));
  });

  it('is the deletionTimestamp itself when no grace period is given', () => {
    const pod = { metadata: meta({ deletionTimestamp: '2025-06-01T10:07:30Z' }) };
    expect(occurredAt('Pod', pod)).toBe(at('2025-06-01T10:07:30Z'));
  });

  it('falls back to creationTimestamp for a pod without conditions', () => {
    expect(occurredAt('Pod', { metadata: meta({ creationTimestamp: '2025-06-01T10:04:58Z' }) })).toBe(
      at('2025-06-01T10:04:58Z'),
    );
  });

  it('is the last-change-trigger-time of Endpoints and EndpointSlices, with fractional seconds', () => {
    expect(occurredAt('Endpoints', fullEndpoints())).toBe(at('2025-06-01T10:05:12.123Z'));
    expect(occurredAt('EndpointSlice', fullEndpointSlice())).toBe(at('2025-06-01T10:05:12Z'));
  });

  it('falls back to creationTimestamp for endpoints without a trigger time, and for services', () => {
    const slice = fullEndpointSlice();
    (slice.metadata as Record<string, unknown>).annotations = {};
    expect(occurredAt('EndpointSlice', slice)).toBe(at('2025-06-01T09:00:01Z'));
    expect(occurredAt('Service', fullService())).toBe(at('2025-06-01T09:00:00Z'));
  });

  it('is null when the object carries no usable timestamp', () => {
    expect(occurredAt('Service', { metadata: meta() })).toBeNull();
    expect(occurredAt('Service', { metadata: meta({ creationTimestamp: 'yesterday' }) })).toBeNull();
  });
});
