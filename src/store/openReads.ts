import type { HistoryReads } from './HistoryReads.js';
import { openReadOnly } from './sqlite/openReadOnly.js';
import { SqliteReads } from './sqlite/SqliteReads.js';

/**
 * The reads of the history at `location`, opened read-only with the backend the location names:
 * today a SQLite file path (refused when missing, foreign, or of another schema version).
 */
export function openReads(location: string): HistoryReads {
  return new SqliteReads(openReadOnly(location));
}
