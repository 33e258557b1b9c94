import { beforeAll } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { INCIDENT_NOW, recordIncident } from '../query/incidentRecording.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command line in-process with a fixed clock and captures its output. */
export async function cli(argv: string[], now: number): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    now: () => now,
  });
  return { code, stdout, stderr };
}

export interface IncidentCli {
  /** Runs a command line with `--db` of the recording appended, at INCIDENT_NOW. */
  run: (...argv: string[]) => Promise<CliResult>;
  /** The recording's database file (there once the suite has started). */
  db: () => string;
}

/**
 * Registers a `beforeAll` that records the incident recording (or another `record`ing) into a database
 * file of the calling suite's own (commands such as prune may change it), closed so that the CLI
 * opens it as it would.
 */
export function incidentCli(
  record: () => Promise<{ store: { close(): Promise<void> }; path: string }> = recordIncident,
): IncidentCli {
  let path: string | undefined;
  beforeAll(async () => {
    const rec = await record();
    await rec.store.close();
    path = rec.path;
  });
  const db = (): string => {
    if (path === undefined) throw new Error('incidentCli: the recording is only there while the suite runs');
    return path;
  };
  return { run: (...argv) => cli([...argv, '--db', db()], INCIDENT_NOW), db };
}
