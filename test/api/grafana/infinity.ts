/**
 * What Grafana and the Infinity data source do to a shipped query before it reaches us
 * (../shared/reference/grafana.md §2.4, §2.5): the browser interpolates template variables with the
 * `glob` format and the panel's scoped variables; Infinity's Go backend then applies its macros,
 * appends the relative URL to the data source URL, adds `url_options.params` and re-encodes the
 * query string with Go's `url.Values.Encode` (keys sorted, space as `+`).
 */

export interface InfinityColumn {
  selector: string;
  text: string;
  type: 'string' | 'number' | 'boolean' | 'timestamp' | 'timestamp_epoch' | 'timestamp_epoch_s';
}

export interface InfinityQuery {
  refId: string;
  type: string;
  source: string;
  parser: string;
  format: string;
  url: string;
  url_options: { method: string; params?: { key: string; value: string }[] };
  root_selector: string;
  columns: InfinityColumn[];
}

/** A dashboard variable as a scene sets it: chosen values, or All (which sends `allValue`). */
export type Selection = string[] | 'All';

export interface Scene {
  name: string;
  from: number;
  to: number;
  /** `${__interval_ms}` in a dashboard; null in an alert rule, where it reaches us as literal text. */
  intervalMs: number | null;
  variables: Record<string, Selection>;
}

interface DashboardVariable {
  name: string;
  allValue?: string;
}

const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

function format(values: string[], fmt: string): string {
  if (fmt === 'glob') return values.length > 1 ? `{${values.join(',')}}` : (values[0] ?? '');
  if (fmt === 'csv' || fmt === 'raw') return values.join(',');
  if (fmt === 'pipe') return values.join('|');
  if (fmt === 'json') return JSON.stringify(values);
  throw new Error(`variable format ${fmt} is not emulated`);
}

const isoTrimmed = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/\.?0+Z$/, 'Z')
    .replace(/\.Z$/, 'Z');

/** Grafana's `templateSrv.replace(text, scopedVars, 'glob')`, as Infinity calls it in the browser. */
export function interpolateInBrowser(
  text: string,
  variables: readonly DashboardVariable[],
  scene: Scene,
): string {
  return text.replace(
    VARIABLE,
    (match, v1?: string, v2?: string, f2?: string, v3?: string, _path?: string, f3?: string) => {
      const name = (v1 ?? v2 ?? v3)!;
      const fmt = f2 ?? f3 ?? 'glob';
      if (name === '__interval_ms') return scene.intervalMs === null ? match : String(scene.intervalMs);
      if (name === '__from' || name === '__to') {
        const ms = name === '__from' ? scene.from : scene.to;
        if (fmt === 'date:iso' || fmt === 'date') return new Date(ms).toISOString();
        return String(ms);
      }
      const variable = variables.find((v) => v.name === name);
      const chosen = scene.variables[name];
      if (!variable || chosen === undefined) return match;
      if (chosen === 'All') {
        if (variable.allValue === undefined)
          throw new Error(`variable ${name} has no allValue: emulate its options`);
        return variable.allValue;
      }
      return format(chosen, fmt);
    },
  );
}

/** Infinity's backend macros (pkg/models/macros.go): the range as epoch ms or trimmed ISO dates. */
export function applyMacros(text: string, scene: Scene): string {
  return text.replace(
    /\${__time(From|To)(?::date(?::(iso|seconds))?)?}/g,
    (_m, which: string, fmt?: string) => {
      const ms = which === 'From' ? scene.from : scene.to;
      if (fmt === undefined && !_m.includes(':date')) return String(ms);
      if (fmt === 'seconds') return String(Math.floor(ms / 1000));
      return isoTrimmed(ms);
    },
  );
}

/** Go's `url.QueryEscape`: everything but unreserved characters is %XX, a space is `+`. */
export const goQueryEscape = (s: string): string =>
  encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/** The URL Infinity requests for `query` under the data source base URL. */
export function infinityUrl(
  base: string,
  query: InfinityQuery,
  variables: readonly DashboardVariable[],
  scene: Scene,
): URL {
  const fill = (text: string) => applyMacros(interpolateInBrowser(text, variables, scene), scene);
  const relative = fill(query.url);
  const url = new URL(relative.startsWith(base) ? relative : base + relative);
  const values = new Map<string, string[]>();
  for (const [k, v] of url.searchParams) values.set(k, [...(values.get(k) ?? []), v]);
  for (const p of query.url_options.params ?? [])
    values.set(p.key, [...(values.get(p.key) ?? []), fill(p.value)]);
  url.search = [...values.keys()]
    .sort()
    .flatMap((k) => values.get(k)!.map((v) => `${goQueryEscape(k)}=${goQueryEscape(v)}`))
    .join('&');
  return url;
}
