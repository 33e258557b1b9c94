/**
 * Whether `--db` names a PostgreSQL database rather than a SQLite file: a `postgres://` or
 * `postgresql://` URL, or the bare word `postgres:` (every connection setting from the PG*
 * environment variables: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, …).
 */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:/i.test(location);
}

/** The location as it may be shown: a URL without its password. */
export function displayLocation(location: string): string {
  if (!isPostgresLocation(location)) return location;
  try {
    const url = new URL(location);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return location.replace(/:[^:@/]*@/, ':***@');
  }
}
