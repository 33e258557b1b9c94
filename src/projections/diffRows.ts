import type { OpenRowsOf } from './foldState.js';
import { attrsEqual } from './keys.js';
import type { AttrsByProjection, ProjectionName, RowOp } from './types.js';

/**
 * Replaces the open rows of one scope with `next`: rows that vanished or changed are closed at `at`,
 * new or changed rows are opened at `at`. Mutates `open` and appends the ops to `ops`, closes first.
 * A row that did not change keeps its attribute object (writers key open rows by that object's
 * identity).
 */
export function diffRows<P extends ProjectionName>(
  ops: RowOp[],
  projection: P,
  open: OpenRowsOf<P>,
  scope: string,
  next: Map<string, AttrsByProjection[P]>,
  at: number,
  position: number,
  byDelete = false,
): void {
  open.each(scope, (key, attrs) => {
    const replacement = next.get(key);
    if (replacement === undefined || !attrsEqual(attrs, replacement))
      ops.push({ op: 'close', projection, scope, key, attrs, at, position, byDelete });
  });
  for (const [key, attrs] of next) {
    const before = open.row(scope, key);
    if (before === undefined || !attrsEqual(before, attrs))
      ops.push({ op: 'open', projection, scope, key, attrs, at, position } as RowOp);
    else next.set(key, before);
  }
  open.replace(scope, next);
}
