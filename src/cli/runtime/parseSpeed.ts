import { UsageError } from '../UsageError.js';

/** `--speed X`: a positive pace multiplier of the demo story, at most 100. */
export function parseSpeed(value: string): number {
  const speed = Number(value);
  if (value.trim() === '' || !Number.isFinite(speed) || speed <= 0 || speed > 100) {
    throw new UsageError(`invalid --speed: ${value} (expected a number above 0, at most 100)`);
  }
  return speed;
}
