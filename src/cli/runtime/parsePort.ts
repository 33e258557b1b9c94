import { UsageError } from '../UsageError.js';

/** A TCP port flag as a number (0 = any free port); a usage error (exit 2) on anything else. */
export function parsePort(flag: string, value: string | number): number {
  const port = typeof value === 'number' ? value : Number(value.trim());
  if (typeof value === 'string' && value.trim() === '') throw new UsageError(`invalid ${flag}: empty`);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`invalid ${flag}: ${value} (expected an integer from 0 to 65535)`);
  }
  return port;
}
