import { existsSync } from 'node:fs';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { tempDir } from '../helpers/k8s.js';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). Never a downloaded browser. */
export const CHROMIUM = process.env.EPH_CHROMIUM ?? '/usr/bin/chromium';

/** The flags the browser tests, the screenshots and the UI bench launch Chromium with. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A browser that may only talk to this machine: every other request is refused and remembered. */
export interface Browser {
  context: BrowserContext;
  /** URLs the pages tried to reach beyond the loopback addresses (refused). */
  outside: string[];
  /** Uncaught errors of any page. */
  errors: string[];
  page(): Promise<Page>;
  close(): Promise<void>;
}

const LOCAL = /^(https?|wss?):\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

/**
 * Chromium with a fresh profile, the network limited to loopback (requests and WebSockets elsewhere
 * are aborted and listed in `outside`). Fails loudly when Chromium is not installed: the browser
 * tests must not be skipped.
 */
export async function openBrowser(viewport = { width: 1400, height: 1000 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (or set EPH_CHROMIUM)`,
    );
  }
  const context = await chromium.launchPersistentContext(tempDir('eph-chromium-'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    headless: true,
    viewport,
    acceptDownloads: true,
  });
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOCAL.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('internetdisconnected');
  });
  await context.routeWebSocket(/.*/, (ws) => {
    if (LOCAL.test(ws.url())) {
      ws.connectToServer();
      return;
    }
    outside.push(ws.url());
    void ws.close();
  });
  const watch = (p: Page) => p.on('pageerror', (e) => errors.push(e.message));
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    outside,
    errors,
    page: async () => context.pages()[0] ?? context.newPage(),
    close: () => context.close(),
  };
}

/** The chart's geometry, as the page publishes it on the chart element. */
export interface ChartGeometry {
  plotLeft: number;
  plotWidth: number;
  from: number;
  to: number;
  rowHeight: number;
  topHeight: number;
}

export async function chartGeometry(page: Page): Promise<ChartGeometry> {
  const d = await page
    .locator('.chart')
    .evaluate((el) => ({ ...(el as unknown as { dataset: Record<string, string> }).dataset }));
  return {
    plotLeft: Number(d.plotLeft),
    plotWidth: Number(d.plotWidth),
    from: Number(d.from),
    to: Number(d.to),
    rowHeight: Number(d.rowHeight),
    topHeight: Number(d.topHeight),
  };
}

/** The x of time `t` in CSS pixels of the chart's canvases. */
export const xOf = (g: ChartGeometry, t: number): number =>
  g.plotLeft + ((t - g.from) / (g.to - g.from)) * g.plotWidth;

/** The RGBA pixels of a w×h box at (x, y) CSS pixels of a canvas of the chart (`top` or `rows`). */
export async function pixels(
  page: Page,
  canvas: 'top' | 'rows',
  x: number,
  y: number,
  w = 1,
  h = 1,
): Promise<[number, number, number, number][]> {
  return page.locator(`.chart-${canvas}`).evaluate(
    (el, box) => {
      const c = el as unknown as PageCanvas;
      const ratio = c.width / c.clientWidth;
      const data = c
        .getContext('2d')!
        .getImageData(
          Math.round(box.x * ratio),
          Math.round(box.y * ratio),
          Math.max(1, box.w),
          Math.max(1, box.h),
        ).data;
      const out: [number, number, number, number][] = [];
      for (let i = 0; i < data.length; i += 4) out.push([data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!]);
      return out;
    },
    { x, y, w, h },
  );
}

/** The little of a canvas element the pixel reader uses (the tests are type-checked without the DOM). */
interface PageCanvas {
  width: number;
  clientWidth: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/** `#0072B2` → [0, 114, 178]. */
export const rgb = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

/** Whether a pixel is `hex`, give or take anti-aliasing. */
export const near = (p: readonly number[], hex: string, tolerance = 12): boolean =>
  rgb(hex).every((v, i) => Math.abs(v - p[i]!) <= tolerance) && p[3]! > 200;

/** Waits until the page has drawn a view (the page sets data-view="ready" on #app). */
export async function viewReady(page: Page, timeout = 15_000): Promise<void> {
  await page.locator('#app[data-view="ready"]').waitFor({ timeout });
}
