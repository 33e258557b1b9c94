import type { History } from '../query/index.js';
import type { ApiLimits } from './limits.js';

/** What every route and resolver needs: the read side, the clock, the limits. */
export interface ApiContext {
  history: History;
  now: () => number;
  limits: ApiLimits;
}
