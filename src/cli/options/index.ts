export * from './sharedOptions.js';
export { durationFlag, rangeFlags, timeFlag } from './times.js';
