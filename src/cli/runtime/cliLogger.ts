import { type Logger, pino } from 'pino';

/** At most this long, log lines wait for the end of the start-up banner. */
export const BANNER_HOLD_MS = 30_000;

/** The log of a long-running command, and the end of its start-up banner. */
export interface CliLog {
  logger: Logger;
  /** Writes the lines held so far, then lets every later line through at once. Idempotent. */
  release(): void;
  /** A log line written elsewhere (the recorder thread's), held like the logger's own. */
  write(line: string): void;
}

/**
 * The structured log (JSON on stderr) of the long-running commands. Their stdout already narrates
 * progress for humans, so the default level is `warn`; EPH_LOG_LEVEL=info (or debug) shows more.
 * With `holdMs`, lines are held back until `release()` — called once the start-up banner (URLs,
 * progress, example queries) is printed — or until `holdMs` has passed, so that a terminal showing
 * both streams keeps the banner readable: a second `run` on the same database logs its resumed
 * streams' 410s within milliseconds, in the middle of it.
 */
export function cliLogger(options: { holdMs?: number } = {}): CliLog {
  const stderr = pino.destination({ dest: 2, sync: true });
  const held: string[] = [];
  let holding = (options.holdMs ?? 0) > 0;
  const release = (): void => {
    if (!holding) return;
    holding = false;
    clearTimeout(timer);
    for (const line of held.splice(0)) stderr.write(line);
  };
  const timer = holding ? setTimeout(release, options.holdMs).unref() : undefined;
  const stream = { write: (line: string) => (holding ? held.push(line) : stderr.write(line)) };
  return {
    logger: pino({ level: process.env.EPH_LOG_LEVEL ?? 'warn' }, stream),
    release,
    write: stream.write,
  };
}
