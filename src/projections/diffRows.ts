import type { OpenRowsOf } from './foldState.js';
import { attrsEqual, joinKey } from './keys.js';
import type { AttrsByProjection, ProjectionName, RowOp } from './types.js';

/**
 * Replaces the open rows of one scope with `next`: rows that vanished or changed are closed at `at`,
 * new or changed rows are opened at `at`. Mutates `open` and returns the ops, closes first. A row that
 * did not change keeps its attribute object (writers key open rows by that object's identity).
 */
export function diffRows<P extends ProjectionName>(
  projection: P,
  open: OpenRowsOf<P>,
  scope: string,
  next: Map<string, AttrsByProjection[P]>,
  at: number,
  position: number,
  byDelete = false,
): RowOp[] {
  const prev = open.rows(scope) ?? new Map<string, AttrsByProjection[P]>();
  const closes: RowOp[] = [];
  const opens: RowOp[] = [];
  for (const [key, attrs] of prev) {
    const replacement = next.get(key);
    if (replacement === undefined || !attrsEqual(attrs, replacement)) {
      closes.push({ op: 'close', projection, key: joinKey(scope, key), attrs, at, position, byDelete });
    }
  }
  for (const [key, attrs] of next) {
    const before = prev.get(key);
    if (before === undefined || !attrsEqual(before, attrs)) {
      opens.push({ op: 'open', projection, key: joinKey(scope, key), attrs, at, position } as RowOp);
    } else {
      next.set(key, before);
    }
  }
  open.replace(scope, next);
  return [...closes, ...opens];
}
