import { ephError } from '../../errors/index.js';

/** SQLSTATEs of a write the role may not make: insufficient_privilege, read_only_sql_transaction. */
const REFUSED = new Set(['42501', '25006']);

/**
 * `error` as EPH_ERR_DB_PERMISSION when PostgreSQL refused a statement for the session's role
 * (no privilege, or a read-only session such as deploy/fleet/roles.sql's `eph_reader`), naming the
 * role and the server's reason; any other error unchanged. The statement's transaction is rolled
 * back by then: nothing was changed.
 */
export function refusedByRole(error: unknown, where: string, role: string | undefined): unknown {
  const sqlState = (error as { code?: unknown } | null)?.code;
  if (typeof sqlState !== 'string' || !REFUSED.has(sqlState)) return error;
  return ephError(
    'EPH_ERR_DB_PERMISSION',
    `PostgreSQL refused role ${role ?? '(default)'} at ${where}: ${(error as Error).message}; run this command ` +
      'as a role that may (the owner of the tables migrates, rebuilds, prunes and copies, the recorder role records: docs/fleet.md)',
    { path: where, role: role ?? null, sqlState },
  );
}
