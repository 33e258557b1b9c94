import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchRow, printTable } from './report.js';
import { benchGraphql } from './sections/graphql.js';
import { benchIsolation } from './sections/isolation.js';
import { benchLongHistory } from './sections/longHistory.js';
import { benchRecorder } from './sections/recorder.js';
import { benchScale } from './sections/scale.js';
import { benchStore } from './sections/store.js';
import { benchUi } from './sections/ui.js';

/**
 * `npm run bench [-- --events N] [-- --pods N --services N] [-- --only store,graphql,recorder,isolation,scale,ui]`:
 * measures the performance budget of DESIGN.md as ratios against baselines taken in the same run,
 * and prints one table (also written to bench/out/).
 */
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    pods: { type: 'string', default: '50000' },
    services: { type: 'string', default: '2500' },
    only: { type: 'string' },
    'watch-list': { type: 'boolean', default: false },
  },
});
const events = Number(values.events);
const dir = mkdtempSync(join(tmpdir(), 'eph-bench-'));
const log = (s: string) => process.stderr.write(`${s}\n`);
const rows: BenchRow[] = [];
const want = (name: string) => !values.only || values.only.split(',').includes(name);

if (want('store') || want('graphql')) {
  log(`store: ${events.toLocaleString('en-US')} observations of seeded churn into ${dir}`);
  const store = await benchStore(dir, events, log);
  rows.push(...store.rows);
  if (want('store')) rows.push(...(await benchLongHistory(store.dbPath, dir, store, store.services, log)));
  if (want('graphql')) {
    // a typical service (median size) at a moment in the middle of the history
    const service = store.services[Math.floor(store.services.length / 2)]!;
    log(`graphql: endpoints(at) for ${service.namespace}/${service.name} over HTTP`);
    rows.push(...(await benchGraphql(store.dbPath, service, Math.floor((store.start + store.end) / 2), log)));
  }
}

if (want('recorder')) {
  log(`recorder: catch-up of ${Number(values.pods).toLocaleString('en-US')} pods, then steady churn`);
  rows.push(...(await benchRecorder(dir, Number(values.pods), log)));
}

if (want('isolation')) {
  const pods = Number(values.pods);
  const services = Number(values.services);
  log(`isolation: run over ${pods.toLocaleString('en-US')} pods under churn and query load`);
  rows.push(...(await benchIsolation(dir, pods, services, log)));
}

if (want('scale')) {
  const pods = Number(values.pods);
  const services = Number(values.services);
  log(
    `scale: run starting on ${pods.toLocaleString('en-US')} pods / ${services.toLocaleString('en-US')} services`,
  );
  rows.push(...(await benchScale(dir, pods, services, log, values['watch-list'] ? ['--watch-list'] : [])));
}

if (want('ui')) {
  log('ui: the timeline page in Chromium, a service with 1,000 endpoints over 24 hours');
  rows.push(...(await benchUi(dir, log)));
}

const table = printTable(rows);
process.stdout.write(`${table}\n`);
mkdirSync(join(import.meta.dirname, 'out'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'out', 'results.md'), `${table}\n`);
// the stores of a run are hundreds of MB: nothing in them is needed once the table is printed
rmSync(dir, { recursive: true, force: true });
