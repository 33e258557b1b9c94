import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalIp,
  contentHash,
  KINDS,
  type Kind,
  type SlimResult,
  slimObject,
} from '../../src/model/index.js';
import { accepted, fullEndpointSlice, fullEndpoints, fullPod, fullService } from './fixtures.js';

const FIXTURES: Record<Kind, () => Record<string, unknown>> = {
  Pod: fullPod,
  Service: fullService,
  Endpoints: fullEndpoints,
  EndpointSlice: fullEndpointSlice,
};

/** Every key the slim types define; map-valued fields (labels, annotations, selector) hold data keys. */
const WHITELISTED_KEYS = new Set(
  `kind meta uid namespace name resourceVersion labels annotations ownerKind ownerName createdAt deletedAt
   nodeName hostNetwork hostname subdomain containers ports containerPort protocol phase podIPs hostIP
   conditions type status lastTransitionTime reason containerStatuses ready restartCount state
   selector clusterIP clusterIPs ipFamilies port targetPort nodePort appProtocol publishNotReadyAddresses
   externalName subsets addresses notReadyAddresses ip targetRef serviceName managedBy addressType endpoints
   serving terminating zone`.split(/\s+/),
);
const MAP_FIELDS = new Set(['labels', 'annotations', 'selector']);

function keysOutsideWhitelist(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) keysOutsideWhitelist(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (!WHITELISTED_KEYS.has(key)) into.push(key);
      if (!MAP_FIELDS.has(key)) keysOutsideWhitelist(child, into);
    }
  }
  return into;
}

/** The plain objects of `raw` where an unknown field may appear (not inside label/selector maps). */
function hosts(value: unknown, into: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const item of value) hosts(item, into);
  else if (typeof value === 'object' && value !== null) {
    into.push(value as Record<string, unknown>);
    for (const [key, child] of Object.entries(value))
      if (key !== 'labels' && key !== 'selector') hosts(child, into);
  }
  return into;
}

function shuffleKeys(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, rand));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(() => rand() - 0.5);
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, rand)]));
}

const json = (result: SlimResult) => JSON.stringify(accepted(result).object);

const extraFields = fc.array(fc.tuple(fc.nat(), fc.string(), fc.jsonValue({ maxDepth: 3 })), {
  maxLength: 12,
});

describe('slimming properties', () => {
  it('ignores unknown fields added anywhere and never emits a key outside the whitelist', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), extraFields, (kind, extras) => {
        const raw = FIXTURES[kind]();
        const targets = hosts(raw);
        for (const [index, name, value] of extras) targets[index % targets.length]![`extra_${name}`] = value;
        const slim = json(slimObject(kind, raw));
        expect(slim).toBe(json(slimObject(kind, FIXTURES[kind]())));
        expect(keysOutsideWhitelist(JSON.parse(slim))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('gives identical JSON and hash when the same raw object is slimmed twice, in any key order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.integer(), (kind, seed) => {
        let state = seed;
        const rand = () => {
          state = (state * 1103515245 + 12345) & 0x7fffffff;
          return state / 0x7fffffff;
        };
        const raw = FIXTURES[kind]();
        const first = slimObject(kind, raw);
        const again = slimObject(kind, raw);
        const shuffled = slimObject(kind, shuffleKeys(raw, rand));
        expect(json(again)).toBe(json(first));
        expect(json(shuffled)).toBe(json(first));
        if (first.ok && shuffled.ok) expect(contentHash(shuffled.object)).toBe(contentHash(first.object));
      }),
      { numRuns: 100 },
    );
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.jsonValue({ maxDepth: 5 }), (kind, raw) => {
        const result = slimObject(kind, raw);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on raw objects with valid metadata and random bodies', () => {
    const body = fc.dictionary(
      fc.constantFrom('spec', 'status', 'subsets', 'endpoints', 'ports', 'addressType'),
      fc.jsonValue({ maxDepth: 4 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), body, (kind, fields) => {
        const raw = { ...fields, metadata: { uid: 'u', name: 'n', namespace: 'ns', resourceVersion: '1' } };
        expect(typeof slimObject(kind, raw).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('spells every IPv6 address one way: idempotent, lower-case, whatever the input spelling', () => {
    const hextet = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), hextet), { minLength: 8, maxLength: 8 }), (groups) => {
        const expanded = groups.map((g) => g.toString(16).padStart(4, '0').toUpperCase()).join(':');
        const canonical = canonicalIp(expanded);
        expect(canonical).not.toBeNull();
        expect(canonicalIp(canonical!)).toBe(canonical);
        expect(canonical).toBe(canonical!.toLowerCase());
        expect(canonicalIp(groups.map((g) => g.toString(16)).join(':'))).toBe(canonical);
      }),
      { numRuns: 500 },
    );
  });
});
