import { statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/util/packageRoot.js';
import { servedUrl, spawnCli } from '../test/cli/run/spawnCli.js';
import { tempDir } from '../test/helpers/k8s.js';
import { openBrowser, viewReady } from '../test/ui/browser.js';
import { serveIncident } from '../test/ui/incidentServer.js';

/**
 * `npm run screenshots`: the pictures of docs/ui.md, made the way the browser tests run — the demo
 * (simulated cluster, real recorder, real API) and the incident recording with its slice gap, in
 * Debian's Chromium with the network limited to this machine. Writes docs/ui-*.png.
 */
const docs = join(packageRoot(), 'docs');
const browser = await openBrowser({ width: 1280, height: 820 });
const page = await browser.page();
const shot = async (name: string) => {
  const path = join(docs, `ui-${name}.png`);
  await page.screenshot({ path });
  console.log(`${path}: ${(statSync(path).size / 1024).toFixed(0)} KB`);
};

const demo = spawnCli(['demo', '--port', '0', '--speed', '4', '--db', join(tempDir(), 'demo.db')]);
try {
  const url = await servedUrl(demo, 60_000);
  await demo.waitForLine(/^or with the CLI:/, 120_000);
  await new Promise((r) => setTimeout(r, 4000)); // a few flaps of the churn after the story
  await page.goto(`${url}/`);
  await viewReady(page);
  await shot('timeline');
  const box = (await page.locator('.chart-rows').boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.55, box.y + 8);
  await page.locator('#moment table.addresses').waitFor();
  await page.locator('#moment').scrollIntoViewIfNeeded();
  await shot('moment');
  await page.goto(`${url}/graphiql`);
  await page.locator('.graphiql-execute-button').waitFor();
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.result-window').getByText('"endpoints"').waitFor();
  await shot('graphiql');
} finally {
  await demo.stop();
}

const incident = await serveIncident();
try {
  await page.goto(
    `${incident.url}/?service=default/service-hello&from=2026-03-01T02:05:00Z&to=2026-03-01T02:35:00Z&at=2026-03-01T02:26:00Z&ip=10.244.1.22`,
  );
  await viewReady(page);
  await page.locator('#moment .warn').waitFor();
  await shot('gap');
} finally {
  await incident.close();
}
if (browser.outside.length > 0) throw new Error(`the pages reached outside: ${browser.outside.join(', ')}`);
await browser.close();
