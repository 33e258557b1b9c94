/** The real recorder thread, which then dies of an uncaught exception (a bug, as far as its parent knows). */
import '../../../src/cli/runtime/recorderThreadEntry.js';

setTimeout(() => {
  throw new Error('injected crash of the recorder thread');
}, 300);
