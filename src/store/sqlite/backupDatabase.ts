import { renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openReadOnly } from './openReadOnly.js';

export interface BackupProgress {
  copiedPages: number;
  totalPages: number;
}

export interface BackupResult {
  pages: number;
  bytes: number;
  elapsedMs: number;
}

export interface BackupOptions {
  /** Called after each step of `pagesPerStep` pages, and once at the end with every page copied. */
  onProgress?: (p: BackupProgress) => void;
  pagesPerStep?: number;
}

/**
 * Copies the database at `source` to `target` with SQLite's online backup API, consistently even while
 * a recorder writes it: the source is opened read-only and one read transaction is held for the whole
 * copy, so every step reads the same snapshot (WAL content included; the recorder is never blocked).
 * The copy is written beside `target` under a temporary name, switched to rollback-journal mode (one
 * self-contained file that also opens from read-only media) and renamed over `target` only when
 * complete, dropping a stale `-wal`/`-shm` of a previous file of that name. The caller decides whether
 * an existing `target` may be replaced.
 */
export async function backupDatabase(
  source: string,
  target: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const started = Date.now();
  const src = openReadOnly(source);
  const partial = `${target}.partial-${process.pid}`;
  try {
    src.exec('BEGIN');
    src.prepare('SELECT COUNT(*) FROM schema_migrations').get();
    const step = options.pagesPerStep ?? 1024;
    const done = await src.backup(partial, {
      progress: (p) => {
        options.onProgress?.({ copiedPages: p.totalPages - p.remainingPages, totalPages: p.totalPages });
        return step;
      },
    });
    src.exec('COMMIT');
    options.onProgress?.({ copiedPages: done.totalPages, totalPages: done.totalPages });
    const copy = new Database(partial);
    let bytes: number;
    try {
      copy.pragma('journal_mode = DELETE');
      bytes =
        (copy.pragma('page_count', { simple: true }) as number) *
        (copy.pragma('page_size', { simple: true }) as number);
    } finally {
      copy.close();
    }
    for (const stale of [`${target}-wal`, `${target}-shm`, `${target}-journal`])
      rmSync(stale, { force: true });
    renameSync(partial, target);
    return { pages: done.totalPages, bytes, elapsedMs: Date.now() - started };
  } finally {
    if (src.open) src.close();
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`])
      rmSync(f, { force: true });
  }
}
