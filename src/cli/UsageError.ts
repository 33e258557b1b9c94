/** A usage error raised by a command after parsing (bad value, missing argument): one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
