import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary folder of a test run (databases, kubeconfigs, child processes' files) lives under
 * one root made here: TMPDIR points at it before the test workers start, so `os.tmpdir()` in the
 * tests and in the processes they spawn resolves inside it, and it is removed when the run ends —
 * even when a test failed before its own cleanup ran.
 */
export function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'eph-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
