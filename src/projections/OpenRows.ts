/** One open row of a scope, kept without a Map: most scopes (a pod, a service) hold exactly one. */
interface Single<A> {
  k: string;
  a: A;
}

/**
 * The rows currently open in one projection, grouped by scope (a service and source, a pod, a
 * service). A scope with a single row is stored as a pair rather than a Map: with one Map per pod the
 * fold state of a 50,000-pod cluster spent tens of MB on empty Map capacity.
 */
export class OpenRows<A> {
  private readonly scopes = new Map<string, Map<string, A> | Single<A>>();

  /** The open rows of a scope, or undefined. The result may be shared: read it, do not change it. */
  rows(scope: string): Map<string, A> | undefined {
    const v = this.scopes.get(scope);
    if (v === undefined || v instanceof Map) return v;
    return new Map([[v.k, v.a]]);
  }

  /**
   * Calls `f` with each open row of a scope, without building a Map for a scope of one row (the
   * fold diffs every pod event against its scope).
   */
  each(scope: string, f: (key: string, attrs: A) => void): void {
    const v = this.scopes.get(scope);
    if (v === undefined) return;
    if (v instanceof Map) for (const [k, a] of v) f(k, a);
    else f(v.k, v.a);
  }

  row(scope: string, key: string): A | undefined {
    const v = this.scopes.get(scope);
    if (v === undefined) return undefined;
    if (v instanceof Map) return v.get(key);
    return v.k === key ? v.a : undefined;
  }

  /** Makes `rows` the open rows of the scope (taking ownership of the Map). */
  replace(scope: string, rows: Map<string, A>): void {
    if (rows.size === 0) this.scopes.delete(scope);
    else if (rows.size > 1) this.scopes.set(scope, rows);
    else for (const [k, a] of rows) this.scopes.set(scope, { k, a });
  }

  /** Adds one row (loading state from the database). */
  add(scope: string, key: string, attrs: A): void {
    const v = this.scopes.get(scope);
    if (v instanceof Map) v.set(key, attrs);
    else if (v === undefined) this.scopes.set(scope, { k: key, a: attrs });
    else
      this.scopes.set(
        scope,
        new Map([
          [v.k, v.a],
          [key, attrs],
        ]),
      );
  }
}
