import { describe, expect, it } from 'vitest';
import { MEMBER_SPAN_CLASSES, memberSpanClass } from '../../src/store/memberSpans.js';
import { openTestStore, readsOf, storedRows } from '../helpers/backend.js';
import { rawSlice, type SliceEndpointSpec, Timeline } from '../helpers/k8s.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const YEAR = 365 * 24 * 3600 * 1000;

/** Member lifetimes on and around every class boundary, and some that never end. */
const LIFETIMES = [
  1,
  ...MEMBER_SPAN_CLASSES.filter((c) => c.spanClass > 0).flatMap((c) => [c.width - 1, c.width, c.width + 1]),
  YEAR,
  null,
  null,
];

describe('members alive at T through the span index', () => {
  it('puts each lifetime in the class the queries expect', () => {
    expect(memberSpanClass(T0, T0 + 511)).toBe(1);
    expect(memberSpanClass(T0, T0 + 512)).toBe(2);
    expect(memberSpanClass(T0, T0 + 2 ** 33 - 1)).toBe(9);
    expect(memberSpanClass(T0, T0 + 2 ** 33)).toBe(0);
    expect(memberSpanClass(T0, Number.MAX_SAFE_INTEGER)).toBe(0);
  });

  it('answers exactly the rows whose interval holds T, for lifetimes across every class and boundary', async () => {
    const { store, path } = await openTestStore();
    try {
      // one endpoint per lifetime, each starting at its own moment, so that at any T members of many
      // classes overlap and many more lie wholly before or after it
      const lives = LIFETIMES.map((life, i) => {
        const from = T0 + i * 7_919;
        return { ip: `10.0.${i >> 8}.${i & 255}`, from, to: life === null ? null : from + life };
      });
      const moments = [...new Set(lives.flatMap((l) => (l.to === null ? [l.from] : [l.from, l.to])))].sort(
        (a, b) => a - b,
      );
      const tl = new Timeline(T0, 'spans');
      let version = 0;
      for (const at of moments) {
        const alive: SliceEndpointSpec[] = lives
          .filter((l) => l.from <= at && (l.to === null || l.to > at))
          .map((l) => ({ ip: l.ip }));
        const slice = rawSlice({ uid: 's1', name: 'web-abc', service: 'web', endpoints: alive });
        await tl.put(store, at, (t) => t.obs('EndpointSlice', version++ === 0 ? 'ADDED' : 'MODIFIED', slice));
      }
      const reads = await readsOf(store, path);
      const cluster = (await reads.clusters()).find((c) => c.name === 'spans')!;
      const service = (await reads.serviceKey(cluster.id, 'default', 'web'))!;
      const probes = [T0 - 1, ...moments.flatMap((m) => [m - 1, m, m + 1]), T0 + 2 * YEAR];
      for (const at of probes) {
        const expected = (await storedRows(store, at))
          .filter((r) => r.projection === 'endpoint_members')
          .map((r) => (r.attrs as { ip: string }).ip)
          .sort();
        const got = (await reads.membersAt(service.id, 'EndpointSlice', at)).map((a) => a.ip).sort();
        expect([at, got]).toEqual([at, expected]);
      }
      // and over a range: every row that overlaps it
      for (const [from, to] of [
        [T0, T0 + 1_000],
        [T0 + 100_000, T0 + 2 ** 30],
        [T0 - 5, T0 + 2 * YEAR],
      ] as const) {
        const expected = (await storedRows(store))
          .filter((r) => r.projection === 'endpoint_members' && r.validFrom <= to && r.validTo > from)
          .map((r) => `${(r.attrs as { ip: string }).ip}@${r.validFrom}`)
          .sort();
        const got = (await reads.membersOverlapping(service.id, 'EndpointSlice', from, to))
          .map((m) => `${m.ip}@${m.validFrom}`)
          .sort();
        expect(got).toEqual(expected);
      }
      reads.close();
    } finally {
      await store.close();
    }
  });
});
