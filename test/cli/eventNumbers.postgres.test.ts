import { describe, expect, it } from 'vitest';
import { recordFleet } from '../query/fleetScenario.js';
import { incidentCli } from './helpers.js';

const { run } = incidentCli(recordFleet);
const RANGE = 2 ** 36;

/** The `[event N]` numbers of a `history service` text, and the positions its `-o json` gives. */
async function cited(cluster: string): Promise<{ numbers: number[]; positions: number[] }> {
  const args = ['history', 'service', 'service-hello', '--cluster', cluster, '--from', '-2h'];
  const text = await run(...args);
  expect(text.code).toBe(0);
  const json = await run(...args, '-o', 'json');
  return {
    numbers: [...text.stdout.matchAll(/\[event (\d+)\]/g)].map((m) => Number(m[1])),
    positions: (JSON.parse(json.stdout).changes as { position: number }[]).map((c) => c.position),
  };
}

describe('event numbers of a later cluster in a PostgreSQL store', () => {
  it("cites each event by its number in the cluster's log, the structured answer keeping the position", async () => {
    // prod-us, the second cluster registered, numbers its events from 2^36 + 1 on
    const us = await cited('prod-us');
    expect(us.positions.length).toBeGreaterThan(0);
    for (const p of us.positions) expect(p).toBeGreaterThan(RANGE);
    expect(us.numbers).toEqual(us.positions.map((p) => p - Math.floor(p / RANGE) * RANGE));
    for (const n of us.numbers) expect(n).toBeLessThan(100);
    // the first cluster's numbers are its positions, as on SQLite
    const eu = await cited('prod-eu');
    expect(eu.positions.length).toBeGreaterThan(0);
    expect(eu.numbers).toEqual(eu.positions);
  });

  it('cites and anchors the same numbers in the evidence pack, listing each raw event with its position', async () => {
    const md = (
      await run('export', '--service', 'default/service-hello', '--cluster', 'prod-us', '--from', '-2h')
    ).stdout;
    const links = [...md.matchAll(/\[#(\d+)\]\(#event-(\d+)\)/g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, shown, anchor] of links) {
      expect(shown).toBe(anchor);
      expect(Number(shown)).toBeLessThan(100);
      expect(md).toContain(`<a id="event-${anchor}"></a>#${anchor} `);
    }
    expect(md).toMatch(/^\| Event \| Position \| Observed at \|/m);
    const [, n, position] = /^\| #(\d+) \| (\d+) \|/m.exec(md)!;
    expect(Number(position)).toBe(RANGE * Math.floor(Number(position) / RANGE) + Number(n));
    expect(Number(position)).toBeGreaterThan(RANGE);
    // the first cluster's pack is as on SQLite: its numbers are its positions
    const eu = (
      await run('export', '--service', 'default/service-hello', '--cluster', 'prod-eu', '--from', '-2h')
    ).stdout;
    expect(eu).toMatch(/^\| Position \| Observed at \|/m);
  });
});
