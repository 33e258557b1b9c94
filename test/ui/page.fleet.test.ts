import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import { History } from '../../src/query/index.js';
import { SqliteReads, type SqliteStore } from '../../src/store/index.js';
import { FLEET_NOW, recordFleet } from '../query/fleetScenario.js';
import { type Browser, openBrowser, viewReady } from './browser.js';

let store: SqliteStore;
let app: FastifyInstance;
let url: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  store = (await recordFleet()).store as SqliteStore;
  const now = () => FLEET_NOW;
  app = await buildApp({ history: new History(new SqliteReads(store.db), now), now });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await openBrowser();
  page = await browser.page();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  store?.close();
});

/** The pods of the endpoint rows the page lists in its text view of the timeline. */
async function endpointRows(): Promise<string[]> {
  const details = page.locator('details.chart-text');
  if (!(await details.evaluate((d) => (d as unknown as { open: boolean }).open)))
    await details.locator('summary').click();
  // the page builds the text on the toggle event, which fires after the click returns
  await details.locator('h3').first().waitFor();
  return page.getByRole('list', { name: 'Endpoints' }).locator('li').allTextContents();
}

describe('the timeline page over a store holding two clusters', () => {
  it('offers a cluster list, opens the first cluster, and shows the other one’s pods once picked', async () => {
    await page.goto(`${url}/?from=2026-03-01T01:50:00.000Z&to=2026-03-01T02:50:00.000Z`);
    await viewReady(page);
    const select = page.locator('select#cluster');
    expect(await select.isVisible()).toBe(true);
    expect(await select.locator('option').allTextContents()).toEqual(['prod-eu', 'prod-us']);
    expect(await select.inputValue()).toBe('prod-eu');
    expect((await endpointRows()).join('\n')).toContain('hello-eu');
    await select.selectOption('prod-us');
    await expect.poll(() => new URL(page.url()).searchParams.get('cluster')).toBe('prod-us');
    await viewReady(page);
    await expect.poll(async () => (await endpointRows()).join('\n')).toContain('hello-us');
    expect((await endpointRows()).join('\n')).not.toContain('hello-eu');
    expect(browser.outside).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
