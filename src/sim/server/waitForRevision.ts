import type { SimStore } from '../simStore.js';

/** Resolves true as soon as the store's revision reaches `rev`, false after `timeoutMs`. */
export function waitForRevision(store: SimStore, rev: number, timeoutMs: number): Promise<boolean> {
  if (store.revision >= rev) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      clearInterval(poll);
      resolve(store.revision >= rev);
    }, timeoutMs);
    const check = () => {
      if (store.revision < rev) return;
      clearTimeout(timer);
      clearInterval(poll);
      off();
      resolve(true);
    };
    const off = store.onChange(check);
    // resetTo() emits nothing; polling also catches a revision set directly.
    const poll = setInterval(check, 50);
  });
}
