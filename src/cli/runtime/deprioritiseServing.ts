import { getPriority, setPriority } from 'node:os';

/**
 * How much nicer than the recorder thread the serving (main) thread runs: at nice 5 a busy serving
 * thread gets a third of the CPU share of a recorder thread that wants the same core, so a burst of
 * queries cannot starve the recording of CPU either (Linux scheduling weights 1024 vs 335).
 */
export const SERVING_NICE = 5;

/**
 * Lowers the priority of this thread (the main thread: its thread id is the process id) once the
 * recorder thread runs, which keeps the priority it was created with. On Linux the nice value is per
 * thread, so only serving is affected; elsewhere setpriority applies to the whole process and
 * changes nothing between the two. Only ever lowers: an operator who already niced the process
 * keeps their value, and lowering needs no privilege.
 */
export function deprioritiseServing(nice = SERVING_NICE): void {
  try {
    if (getPriority(process.pid) < nice) setPriority(process.pid, nice);
  } catch {
    // not permitted here (a sandbox): both threads keep the same priority
  }
}
