/** Where a command writes: anything with `write(text)` (process streams, or a string buffer in tests). */
export interface CliOutput {
  write(chunk: string): unknown;
}

/** The outside world of one CLI run, injected so tests run commands in-process with a fixed clock. */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  now: () => number;
}
