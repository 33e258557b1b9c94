import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/index.js';
import { packageRoot } from '../../src/util/packageRoot.js';
import { rawPod, Timeline, tempDir } from '../helpers/k8s.js';
import { INCIDENT_NOW } from '../query/incidentRecording.js';
import { type CliResult, incidentCli } from './helpers.js';

const { run, db } = incidentCli();

/** Every command that only answers questions, on the incident recording. */
const QUESTIONS = [
  ['get', 'endpoints', '-A', '--at', '2026-03-01T02:28:00Z'],
  ['describe', 'endpoints', 'service-hello', '--at', '2026-03-01T02:15:10Z'],
  ['get', 'pods', '-A', '-o', 'wide', '--at', '2026-03-01T02:20:30Z'],
  ['who-had-ip', '10.244.1.22', '--from', '2026-03-01T02:00:00Z', '--to', '2026-03-01T02:40:00Z'],
  ['history', 'service', 'service-hello', '--from', '2026-03-01T02:05:00Z', '--to', '2026-03-01T02:30:00Z'],
  ['diff', 'endpoints', 'service-hello', '2026-03-01T02:05:00Z', '2026-03-01T02:15:10Z'],
  [
    'export',
    '--service',
    'default/service-hello',
    '--from',
    '2026-03-01T02:05:00Z',
    '--to',
    '2026-03-01T02:30:00Z',
  ],
];

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) chmodSync(d, 0o755);
});

/**
 * Runs the questions against `path` in a child process. As root, whom file modes do not stop, the
 * child runs as `nobody`, so the read-only directory really is read-only to it.
 */
function askInChild(path: string, questions: string[][] = QUESTIONS): CliResult[] {
  const work = tempDir('eph-child-');
  chmodSync(work, 0o777);
  // Let `nobody` reach the archive and the script: o+x on our own temporary folders, up to the run root.
  for (const start of [dirname(work), dirname(path)])
    for (let d = start; d.startsWith(tmpdir()) && d !== dirname(tmpdir()); d = dirname(d))
      chmodSync(d, statSync(d).mode | 0o011);
  const script = join(work, 'ask.mts');
  writeFileSync(
    script,
    `import { runCli } from ${JSON.stringify(join(packageRoot(), 'src/cli/runCli.ts'))};
const questions = ${JSON.stringify(questions.map((q) => [...q, '--db', path]))};
const out = [];
for (const q of questions) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(q, { stdout: { write: (s) => (stdout += s) }, stderr: { write: (s) => (stderr += s) }, now: () => ${INCIDENT_NOW} });
  out.push({ code, stdout, stderr });
}
process.stdout.write(JSON.stringify(out));
`,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', relative(packageRoot(), script)], {
    cwd: packageRoot(),
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TMPDIR: work, HOME: work },
    ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as CliResult[];
}

const fingerprint = (dir: string) =>
  readdirSync(dir)
    .sort()
    .map((f) => ({
      f,
      bytes: readFileSync(join(dir, f)).toString('base64'),
      mtime: statSync(join(dir, f)).mtimeMs,
    }));

describe('an archived copy on read-only storage', () => {
  it('answers every question from a copy in a read-only directory exactly as from the original, writing nothing there', async () => {
    const expected = await Promise.all(QUESTIONS.map((q) => run(...q)));
    expect(expected.map((r) => r.code)).toEqual(QUESTIONS.map(() => 0));
    const archive = join(tempDir(), 'archive');
    mkdirSync(archive);
    const copy = join(archive, 'history.db');
    copyFileSync(db(), copy);
    chmodSync(copy, 0o444);
    chmodSync(archive, 0o555);
    dirs.push(archive);
    const before = fingerprint(archive);
    expect(before.map((f) => f.f)).toEqual(['history.db']);
    expect(askInChild(copy)).toEqual(expected);
    expect(fingerprint(archive)).toEqual(before);
  }, 60_000);

  it('refuses, rather than ignores, a -wal with changes that cannot be read in a read-only directory', () => {
    const live = join(tempDir(), 'live.db');
    const store = SqliteStore.open(live);
    const tl = new Timeline();
    tl.put(store, INCIDENT_NOW, (t) =>
      t.obs('Pod', 'ADDED', rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'] })),
    );
    const archive = join(tempDir(), 'archive');
    mkdirSync(archive);
    // A raw copy of a live database: its last changes are still in the WAL.
    copyFileSync(live, join(archive, 'history.db'));
    copyFileSync(`${live}-wal`, join(archive, 'history.db-wal'));
    store.close();
    chmodSync(archive, 0o555);
    dirs.push(archive);
    const before = fingerprint(archive);
    const [r] = askInChild(join(archive, 'history.db'), [['get', 'pods', '-A']]);
    expect(r!.code).toBe(2);
    expect(r!.stderr).toMatch(
      /^endpoints-history: cannot read .*history\.db: changes in .*history\.db-wal can only be read through .* \(EPH_ERR_DB_UNREADABLE\)\n$/,
    );
    expect(fingerprint(archive)).toEqual(before);
  }, 60_000);
});
