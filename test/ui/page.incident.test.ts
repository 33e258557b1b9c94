import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../query/incidentRecording.js';
import { type Browser, chartGeometry, near, openBrowser, pixels, viewReady, xOf } from './browser.js';
import { type Served, serveIncident } from './incidentServer.js';

const READY = '#0072B2';
const GAP_STROKE = '#595959';
const VIEW = '/?service=default/service-hello&from=2026-03-01T02:00:00.000Z&to=2026-03-01T03:00:00.000Z';

let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serveIncident();
  browser = await openBrowser();
  page = await browser.page();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function open(path = VIEW): Promise<void> {
  await page.goto(served.url + path);
  await viewReady(page);
}

async function timelineText(): Promise<{ endpoints: string[]; gaps: string[]; outages: string[] }> {
  const details = page.locator('details.chart-text');
  if (!(await details.evaluate((d) => (d as unknown as { open: boolean }).open)))
    await details.locator('summary').click();
  // the page builds the text on the toggle event, which fires after the click returns
  await details.locator('h3').first().waitFor();
  const items = (name: string) =>
    page
      .getByRole('list', { name })
      .locator('li')
      .allTextContents()
      .catch(() => []);
  return { endpoints: await items('Endpoints'), gaps: await items('Gaps'), outages: await items('Outages') };
}

/** Clicks the rows canvas at time `at` (on the first row) and waits for the moment's panel. */
async function clickAt(at: number): Promise<number> {
  const g = await chartGeometry(page);
  await page.locator('.chart-rows').click({ position: { x: xOf(g, at), y: g.rowHeight / 2 } });
  await page.locator('#moment h2').waitFor();
  return Date.parse(new URL(page.url()).searchParams.get('at')!);
}

describe('the timeline page over the incident recording', () => {
  it('draws one row per endpoint of service-hello, ready bars in the ready colour, the slice gap hatched', async () => {
    await open();
    const text = await timelineText();
    const pods = text.endpoints.map((e) => e.split(':')[0]);
    expect(pods).toEqual([
      'hello-7d9f-aaaaa 10.244.1.22',
      'hello-7d9f-bbbbb 10.244.1.23',
      'hello-7d9f-ccccc 10.244.1.24',
      'hello-7d9f-ddddd 10.244.1.25',
      'hello-8e0a-eeeee 10.244.1.26',
      'hello-8e0a-fffff 10.244.1.22',
    ]);
    expect(text.gaps).toEqual(['2026-03-01 02:25:00Z – 2026-03-01 02:27:00Z: EndpointSlice: stream-broken']);
    const g = await chartGeometry(page);
    const rowOfC = 2 * g.rowHeight + g.rowHeight / 2;
    expect(near((await pixels(page, 'rows', xOf(g, t('02:05:00')), rowOfC))[0]!, READY)).toBe(true);
    // the gap: hatching (grey lines over white) inside it, none in the same row outside it
    const inGap = await pixels(page, 'rows', xOf(g, t('02:25:30')), rowOfC - 6, 12, 12);
    const outside = await pixels(page, 'rows', xOf(g, t('02:40:00')), rowOfC - 6, 12, 12);
    const grey = (ps: number[][]) =>
      ps.filter((p) => near(p, GAP_STROKE, 60) && Math.abs(p[0]! - p[2]!) < 30).length;
    expect(grey(inGap)).toBeGreaterThan(10);
    expect(grey(outside)).toBe(0);
    // before a is gone (02:10:40), its row is drawn; after, not: bars follow the recorded intervals
    expect(near((await pixels(page, 'rows', xOf(g, t('02:12:00')), g.rowHeight / 2))[0]!, READY)).toBe(false);
    expect(browser.errors).toEqual([]);
  });

  it('names the gap under the cursor, and a moment in it is said to be not recorded', async () => {
    await open();
    const g = await chartGeometry(page);
    await page.locator('.chart-top').hover({ position: { x: xOf(g, t('02:26:00')), y: 40 } });
    await expect
      .poll(() => page.locator('#cursor-note').textContent())
      .toContain('not recorded (EndpointSlice: stream-broken)');
    await clickAt(t('02:26:00'));
    await expect.poll(() => page.locator('#moment .warn').textContent()).toContain('Not recorded then');
  });

  it('shows, for a clicked moment, the same endpoint set as GraphQL at that moment, kubectl’s text and the question to copy', async () => {
    await open();
    const at = await clickAt(t('02:10:20'));
    expect(Math.abs(at - t('02:10:20'))).toBeLessThan(10_000);
    const data = await served.gql(
      `query($at: DateTime!) { endpoints(namespace: "default", service: "service-hello", at: $at) {
        addresses { ip ready serving terminating targetRef { name } }
        notReadyAddresses { ip ready serving terminating targetRef { name } } } }`,
      { at },
    );
    const yes = (b: boolean) => (b ? 'yes' : 'no');
    const expected = [...data.endpoints.addresses, ...data.endpoints.notReadyAddresses].map(
      (a: {
        ip: string;
        ready: boolean;
        serving: boolean;
        terminating: boolean;
        targetRef: { name: string };
      }) => [a.ip, a.targetRef.name, yes(a.ready), yes(a.serving), yes(a.terminating)].join(' '),
    );
    const rows = await page.locator('#moment table.addresses tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const c = [...tr.querySelectorAll('td')].map((td) => td.textContent);
        return [c[0], c[1], c[4], c[5], c[6]].join(' ');
      }),
    );
    expect(rows).toEqual(expected);
    expect(rows.some((r) => r.endsWith('no yes yes'))).toBe(true); // a is terminating, still serving
    expect(await page.getByLabel('kubectl describe endpoints').textContent()).toContain('NotReadyAddresses');
    const iso = new Date(at).toISOString();
    expect(await page.getByRole('button', { name: 'Copy CLI command' }).getAttribute('data-copy')).toBe(
      `endpoints-history describe endpoints service-hello -n default --at ${iso}`,
    );
    expect(
      await page.getByRole('button', { name: 'Copy GraphQL query' }).getAttribute('data-copy'),
    ).toContain(`at: "${iso}"`);
    const kubectl = page.getByRole('button', { name: 'Copy kubectl command' });
    expect(await kubectl.isDisabled()).toBe(false);
    expect(await kubectl.getAttribute('data-copy')).toBe(
      `endpoints-history kubeconfig --at ${iso} --server ${served.url} > at.yaml && kubectl --kubeconfig at.yaml get endpoints service-hello -n default`,
    );
  });

  it('finds every pod that held an IP over the range', async () => {
    await open();
    await page.getByLabel('IP address').fill('10.244.1.22');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.ip-holders').waitFor();
    const names = await page.locator('table.ip-holders tbody tr td:first-child').allTextContents();
    const data = await served.gql(
      '{ podsByIP(ip: "10.244.1.22", from: "2026-03-01T02:00:00Z", to: "2026-03-01T03:00:00Z") { pod { name } } }',
    );
    expect(names).toEqual(data.podsByIP.map((p: { pod: { name: string } }) => p.pod.name));
    expect(names).toEqual(['hello-7d9f-aaaaa', 'hello-8e0a-fffff']);
    await page.getByLabel('IP address').fill('10.244.1.300');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect
      .poll(() => page.locator('#ip-results [role=alert]').textContent())
      .toContain('EPH_ERR_BAD_IP');
  });

  it('says "no pod held it" only where pods were recorded: before recording began it names the gap', async () => {
    const search = async (ip: string) => {
      await page.getByLabel('IP address').fill(ip);
      await page.getByRole('button', { name: 'Search' }).click();
      await expect.poll(() => page.locator('#ip-results [role=status]').textContent()).not.toMatch(/Looking/);
    };
    await open(); // 02:00–03:00: pods were recorded throughout
    await search('10.244.9.9');
    expect(await page.locator('#ip-results [role=status]').textContent()).toMatch(
      /^No pod held 10\.244\.9\.9/,
    );
    expect(await page.locator('#ip-results [role=note]').count()).toBe(0);

    // from 01:00, an hour before the recording began (01:59): nobody can say who held it then
    await open(VIEW.replace('from=2026-03-01T02:00', 'from=2026-03-01T01:00'));
    await search('10.244.9.9');
    expect(await page.locator('#ip-results [role=status]').textContent()).toMatch(/^No recorded pod held/);
    const note = await page.locator('#ip-results [role=note]').textContent();
    expect(note).toContain('not recorded');
    expect(note).toContain('2026-03-01 01:00:00Z – 2026-03-01 01:59:00Z');
    // holders found are listed, with the same warning beside them
    await search('10.244.1.22');
    await page.locator('table.ip-holders').waitFor();
    expect(await page.locator('#ip-results [role=note]').textContent()).toContain('not recorded');
  });

  it('keeps the whole view in the URL: a shared link reopens it in another browser, Back returns to the previous view', async () => {
    await open();
    const at = await clickAt(t('02:15:10'));
    await page.getByLabel('IP address').fill('10.244.1.23');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.ip-holders').waitFor();
    const shared = page.url();
    const title = await page.locator('#moment h2').textContent();
    const holders = await page.locator('table.ip-holders').textContent();

    const other = await openBrowser();
    try {
      const p = await other.page();
      await p.goto(shared);
      await viewReady(p);
      await p.locator('table.ip-holders').waitFor();
      expect(await p.locator('#service').inputValue()).toBe('default/service-hello');
      expect(await p.locator('#from').inputValue()).toBe('2026-03-01T02:00:00.000Z');
      expect(await p.locator('#moment h2').textContent()).toBe(title);
      expect(await p.locator('table.ip-holders').textContent()).toBe(holders);
      expect(Date.parse(new URL(p.url()).searchParams.get('at')!)).toBe(at);
    } finally {
      await other.close();
    }

    await page.goBack();
    await expect.poll(() => page.locator('#ip-results').textContent()).toBe('');
    await page.goBack();
    await expect.poll(() => page.locator('#moment').textContent()).toContain('Click the chart');
    expect(new URL(page.url()).searchParams.get('at')).toBeNull();
  });

  it('zooms into a dragged range, offers quick ranges, and works from the keyboard', async () => {
    await open();
    let g = await chartGeometry(page);
    const box = (await page.locator('.chart-rows').boundingBox())!;
    await page.mouse.move(box.x + xOf(g, t('02:10:00')), box.y + 9);
    await page.mouse.down();
    await page.mouse.move(box.x + xOf(g, t('02:15:00')), box.y + 9, { steps: 5 });
    await page.mouse.move(box.x + xOf(g, t('02:20:00')), box.y + 9, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => (await chartGeometry(page)).to - (await chartGeometry(page)).from)
      .toBeLessThan(11 * 60_000);
    g = await chartGeometry(page);
    expect(Math.abs(g.from - t('02:10:00'))).toBeLessThan(10_000);
    expect(Math.abs(g.to - t('02:20:00'))).toBeLessThan(10_000);

    await page.locator('.chart').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Enter');
    await page.locator('#moment h2').waitFor();
    const at = Date.parse(new URL(page.url()).searchParams.get('at')!);
    expect(Math.abs(at - (g.from + (g.to - g.from) * 0.1))).toBeLessThan(2000);
    await page.keyboard.press('-');
    await expect
      .poll(async () => (await chartGeometry(page)).to - (await chartGeometry(page)).from)
      .toBeGreaterThan(15 * 60_000);

    await page.getByRole('button', { name: 'last 15m' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe('-15m');
    expect(new URL(page.url()).searchParams.get('to')).toBe('now');
  });

  it('switches service by typing its name, and says when nothing is recorded for the range', async () => {
    await open();
    await page.locator('#service').fill('default/mysql');
    await page.locator('#service').press('Enter');
    await expect.poll(() => page.locator('#status').textContent()).toContain('default/mysql: 1 endpoint');
    await open('/?service=default/service-hello&from=2026-03-01T01:00:00Z&to=2026-03-01T01:30:00Z');
    expect(await page.locator('#status').textContent()).toContain('0 endpoints');
    expect((await timelineText()).gaps.join(' ')).toContain('not');
    await page.goto(`${served.url}/?service=default/nope&from=2026-03-01T02:00:00Z&to=2026-03-01T03:00:00Z`);
    await expect.poll(() => page.locator('#status').textContent()).toContain('Not recorded');
  });

  it('exports the evidence pack the API route answers, as Markdown and as JSON', async () => {
    await open('/?service=default/service-hello&from=2026-03-01T02:00:00.000Z&to=2026-03-01T02:30:00.000Z');
    for (const [button, format] of [
      ['Export Markdown', 'md'],
      ['Export JSON', 'json'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ]);
      const body = await (await download.createReadStream()).toArray();
      const got = Buffer.concat(body).toString('utf8');
      const expected = await (
        await fetch(
          `${served.url}/api/ui/v1/export?namespace=default&service=service-hello&from=${t('02:00:00')}&to=${t('02:30:00')}&format=${format}`,
        )
      ).text();
      expect(got).toBe(expected);
      expect(got).toContain('stream-broken');
    }
    expect(browser.outside).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});

describe('the timeline page on other servers', () => {
  it('asks for the token when the server needs one, refuses a wrong one, and then draws the view', async () => {
    const locked = await serveIncident({ authToken: 's3cret' });
    const b = await openBrowser();
    try {
      const p = await b.page();
      await p.goto(locked.url + VIEW);
      await p.getByRole('heading', { name: 'This server needs a token' }).waitFor();
      await p.getByLabel('Token', { exact: true }).fill('wrong');
      await p.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => p.locator('#token-help').textContent()).toContain('refused');
      await p.getByLabel('Token', { exact: true }).fill('s3cret');
      await p.getByRole('button', { name: 'Continue' }).click();
      await viewReady(p);
      expect(await p.locator('#status').textContent()).toContain('6 endpoints');
      expect(
        await p.evaluate(() =>
          (
            globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }
          ).sessionStorage.getItem('eph_token'),
        ),
      ).toBe('s3cret');
      const cookies = await b.context.cookies(locked.url);
      expect(cookies.find((c) => c.name === 'eph_token')).toMatchObject({
        value: 's3cret',
        sameSite: 'Strict',
      });
      expect(b.outside).toEqual([]);
    } finally {
      await b.close();
      await locked.close();
    }
  });

  it('says that no services are recorded yet on an empty database', async () => {
    const empty = await serveIncident({ empty: true });
    try {
      await page.goto(`${empty.url}/`);
      await page.getByRole('heading', { name: 'No services recorded yet' }).waitFor();
      expect(await page.locator('.empty').textContent()).toContain('/healthz');
    } finally {
      await empty.close();
    }
  });
});
