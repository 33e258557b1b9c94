export { withHistory } from './withHistory.js';
