import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';

/** Free bytes on the filesystem holding `path`, or null when it cannot be asked. */
export function freeBytesAt(path: string): number | null {
  try {
    const s = statfsSync(dirname(path));
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

const MIN_WAL = 1024 * 1024;
const MAX_WAL = 64 * 1024 * 1024;

/**
 * How large the WAL may grow before a checkpoint: a quarter of the free space, between 1 MiB and
 * 64 MiB (the write path's preferred size on a roomy disk: fewer, larger checkpoints). On an 8 MB
 * volume the WAL checkpoints every 2 MiB instead of filling the disk on its way to 64 MiB.
 */
export function walBudgetBytes(freeBytes: number | null): number {
  if (freeBytes === null) return MAX_WAL;
  return Math.max(MIN_WAL, Math.min(MAX_WAL, Math.floor(freeBytes / 4)));
}
