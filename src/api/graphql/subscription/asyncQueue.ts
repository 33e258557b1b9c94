/** A push-driven async iterator: values pushed are yielded in order; `return()` runs `onClose` once. */
export interface AsyncQueue<T> {
  push(value: T): void;
  readonly iterator: AsyncIterableIterator<T>;
}

export function asyncQueue<T>(onClose: () => void): AsyncQueue<T> {
  const buffered: T[] = [];
  const waiting: ((r: IteratorResult<T>) => void)[] = [];
  let closed = false;
  const close = (): IteratorResult<T> => {
    if (!closed) {
      closed = true;
      onClose();
      for (const w of waiting.splice(0)) w({ value: undefined, done: true });
    }
    return { value: undefined, done: true };
  };
  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      const v = buffered.shift();
      if (v !== undefined) return Promise.resolve({ value: v, done: false });
      if (closed) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: () => Promise.resolve(close()),
    throw: (e?: unknown) => {
      close();
      return Promise.reject(e);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return {
    push(value) {
      if (closed) return;
      const w = waiting.shift();
      if (w) w({ value, done: false });
      else buffered.push(value);
    },
    iterator,
  };
}
