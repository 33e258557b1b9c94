import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, graphql, servedUrl, spawnCli } from '../cli/run/spawnCli.js';
import { tempDir } from '../helpers/k8s.js';
import { type Browser, chartGeometry, near, openBrowser, pixels, viewReady, xOf } from './browser.js';

const READY = '#0072B2';
/** The outage shading (rgba(213, 94, 0, 0.16)) over white, and the outage's edge line. */
const OUTAGE_TINT = '#F8E5D6';
const OUTAGE_EDGE = '#A33F00';

let demo: CliProcess;
let url: string;
let browser: Browser;
let page: Page;

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are asserted field by field
async function gql(query: string): Promise<any> {
  const { body } = await graphql(url, query);
  expect(body.errors).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  demo = spawnCli(['demo', '--port', '0', '--speed', '10', '--db', join(tempDir(), 'demo.db')]);
  url = await servedUrl(demo, 60_000);
  await demo.waitForLine(/^or with the CLI:/, 60_000); // the whole story is recorded
  browser = await openBrowser();
  page = await browser.page();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('GraphiQL over the demo, with the network limited to this machine', () => {
  it('renders from our own files, with the README queries as tabs and the schema docs, and runs a query', async () => {
    await page.goto(`${url}/graphiql`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 20_000 });
    expect(await page.locator('.graphiql-tab').count()).toBe(3);
    await page.locator('.graphiql-execute-button').click();
    await expect
      .poll(() => page.locator('.result-window').textContent(), { timeout: 15_000 })
      .toContain('"endpoints"');
    expect(await page.locator('.result-window').textContent()).toContain('"source"');
    await page
      .getByRole('button', { name: /documentation/i })
      .first()
      .click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').textContent()).toContain('query: Query');
    expect(browser.outside).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});

describe('the timeline page over the demo', () => {
  it('opens service-hello by itself and draws its first four pods as ready', async () => {
    await page.goto(`${url}/`);
    await viewReady(page);
    expect(await page.locator('#service').inputValue()).toBe('default/service-hello');
    const options = await page
      .locator('#service-options option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    expect(options).toContain('default/service-hello');

    const g = await chartGeometry(page);
    const { service } = await gql(
      `{ service(namespace: "default", name: "service-hello") { readyCount(from: ${g.from}, to: ${g.to}) { time ready } } }`,
    );
    const points = service.readyCount as { time: string; ready: number }[];
    const four = points.findIndex((p) => p.ready === 4);
    expect(four).toBeGreaterThanOrEqual(0);
    const next = points[four + 1] ? Date.parse(points[four + 1]!.time) : g.to;
    const at = Math.round((Date.parse(points[four]!.time) + next) / 2);
    const { endpoints } = await gql(
      `{ endpoints(namespace: "default", service: "service-hello", at: ${at}) { addresses { ip targetRef { name } } } }`,
    );
    expect(endpoints.addresses).toHaveLength(4);

    await page.locator('details.chart-text summary').click();
    await page.getByRole('list', { name: 'Endpoints' }).waitFor(); // built on the toggle event, after the click
    const rows = (await page.getByRole('list', { name: 'Endpoints' }).locator('li').allTextContents()).map(
      (r) => r.split(':')[0],
    );
    for (const a of endpoints.addresses as { ip: string; targetRef: { name: string } }[]) {
      const index = rows.indexOf(`${a.targetRef.name} ${a.ip}`);
      expect(index, `${a.targetRef.name} is drawn`).toBeGreaterThanOrEqual(0);
      const y = index * g.rowHeight + g.rowHeight / 2;
      expect(near((await pixels(page, 'rows', xOf(g, at), y))[0]!, READY), a.targetRef.name).toBe(true);
    }
  });

  it('shades the demo’s outage (zero ready while the first pods start) where GraphQL has it', async () => {
    await page.goto(`${url}/`);
    await viewReady(page);
    const g = await chartGeometry(page);
    const { service } = await gql(
      `{ service(namespace: "default", name: "service-hello") { outages(from: ${g.from}, to: ${g.to}) { from to } } }`,
    );
    const outages = service.outages as { from: string; to: string }[];
    expect(outages.length).toBeGreaterThanOrEqual(1);
    await page.locator('details.chart-text summary').click();
    // the text is built on the toggle event, which the browser fires after the click returns
    await expect
      .poll(() => page.getByRole('list', { name: 'Outages' }).locator('li').count())
      .toBe(outages.length);
    const first = outages[0]!;
    const a = xOf(g, Date.parse(first.from));
    const b = xOf(g, Date.parse(first.to));
    const [p] = await pixels(page, 'top', a + Math.max((b - a) / 2, 1), 40);
    expect(near(p!, OUTAGE_TINT, 8) || near(p!, OUTAGE_EDGE, 30), `pixel ${p}`).toBe(true);
    const [clear] = await pixels(page, 'top', g.plotLeft + g.plotWidth - 2, 40);
    expect(near(clear!, OUTAGE_TINT, 8)).toBe(false);
  });

  it('shows the same endpoint set as GraphQL for a clicked moment, and finds who held a reused IP', async () => {
    await page.goto(`${url}/`);
    await viewReady(page);
    const g = await chartGeometry(page);
    await page.locator('.chart-rows').click({ position: { x: g.plotLeft + g.plotWidth * 0.6, y: 5 } });
    await page.locator('#moment table.addresses, #moment p').first().waitFor();
    const at = Date.parse(new URL(page.url()).searchParams.get('at')!);
    const { endpoints } = await gql(
      `{ endpoints(namespace: "default", service: "service-hello", at: ${at}) { addresses { ip } notReadyAddresses { ip } } }`,
    );
    const ips = await page.locator('#moment table.addresses tbody tr td:first-child').allTextContents();
    expect(ips).toEqual(
      [...endpoints.addresses, ...endpoints.notReadyAddresses].map((a: { ip: string }) => a.ip),
    );

    await page.getByLabel('IP address').fill('10.244.1.23');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.ip-holders').waitFor();
    const holders = await page.locator('table.ip-holders tbody tr td:first-child').allTextContents();
    const { podsByIP } = await gql(
      `{ podsByIP(ip: "10.244.1.23", from: ${g.from}, to: ${g.to}) { pod { name } } }`,
    );
    expect(holders).toEqual(podsByIP.map((p: { pod: { name: string } }) => p.pod.name));
    expect(new Set(holders).size).toBeGreaterThanOrEqual(2);
  });

  it('follows new changes live over the subscription while the range ends at now', async () => {
    const sockets: string[] = [];
    const changes: string[] = [];
    page.on('websocket', (ws) => {
      sockets.push(ws.url());
      ws.on('framereceived', (f) => {
        if (String(f.payload).includes('endpointsChanged')) changes.push(String(f.payload));
      });
    });
    await page.goto(`${url}/`);
    await viewReady(page);
    const before = (await chartGeometry(page)).to;
    await expect
      .poll(async () => (await chartGeometry(page)).to, { timeout: 10_000 })
      .toBeGreaterThan(before);
    expect(sockets.some((s) => s.endsWith('/graphql'))).toBe(true);
    await expect.poll(() => changes.length, { timeout: 10_000 }).toBeGreaterThan(0); // the subscription, not polling
    expect(await page.locator('.live').isVisible()).toBe(true);
    expect(browser.outside).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
