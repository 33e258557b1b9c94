import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_FIRST_LINE } from '../../../src/cli/commands/demo.js';
import { tempDir } from '../../helpers/k8s.js';
import { coverageRows, graphql, servedUrl, spawnCli } from './spawnCli.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface EndpointsAnswer {
  endpoints: { source: string; complete: boolean; addresses: { ip: string; pod: { name: string } | null }[] };
}

describe('endpoints-history demo', () => {
  it('answers an endpoints query with recorded history within 10 seconds of start, prints three working example queries, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'demo.db');
    const cli = spawnCli(['demo', '--port', '0', '--speed', '10', '--db', db]);
    try {
      // The clock starts at the command's first line: loading the sources through tsx is not the demo.
      await cli.waitForLine(/^endpoints-history: /, 60_000);
      const started = Date.now();
      expect(cli.stdoutLines()[0]).toBe(DEMO_FIRST_LINE);
      const url = await servedUrl(cli, 10_000);
      let answer: EndpointsAnswer | undefined;
      while (Date.now() - started < 10_000) {
        const { body } = await graphql(
          url,
          '{ endpoints(namespace: "default", service: "service-hello") { source complete addresses { ip pod { name } } } }',
        );
        const data = body.data as EndpointsAnswer | undefined;
        if (data && data.endpoints.addresses.length > 0) {
          answer = data;
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(answer, `no history within 10 s; stdout:\n${cli.stdoutLines().join('\n')}`).toBeDefined();
      expect(answer!.endpoints.source).toBe('ENDPOINT_SLICES');
      expect(answer!.endpoints.addresses.map((a) => a.ip)).toContain('10.244.1.22');

      await cli.waitForLine(/^or with the CLI:/, 30_000);
      const queries = cli.stdoutLines().filter((l) => /^ {2}\{ /.test(l));
      expect(queries).toHaveLength(3);
      for (const query of queries) {
        expect(query).toMatch(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/);
        const { status, body } = await graphql(url, query.trim());
        expect(body.errors, query).toBeUndefined();
        expect(status).toBe(200);
      }
      const [mid, ip] = await Promise.all(queries.slice(0, 2).map((q) => graphql(url, q.trim())));
      const midSet = mid!.body.data as EndpointsAnswer;
      expect(midSet.endpoints.addresses.length).toBeGreaterThan(0);
      const holders = (ip!.body.data as { podsByIP: { pod: { name: string } }[] }).podsByIP;
      expect(new Set(holders.map((h) => h.pod.name)).size).toBeGreaterThanOrEqual(2);

      expect(await cli.stop('SIGTERM')).toBe(0);
    } finally {
      await cli.stop('SIGKILL');
    }
    const rows = coverageRows(db);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => r.ended_at === null)).toEqual([]);
    expect(new Set(rows.map((r) => r.end_reason))).toEqual(new Set(['shutdown']));
  }, 60_000);
});
