import type { FastifyInstance } from 'fastify';

export type Row = Record<string, unknown>;

/** GETs a Grafana route with the given parameters (encoded as a browser would) and parses the JSON. */
export async function get(
  app: FastifyInstance,
  route: string,
  params: Record<string, string | number | string[]> = {},
): Promise<{ status: number; body: unknown; rows: Row[] }> {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const one of Array.isArray(v) ? v : [v]) search.append(k, String(one));
  const qs = search.toString();
  const res = await app.inject(`/api/grafana/v1/${route}${qs ? `?${qs}` : ''}`);
  const body = res.json() as unknown;
  return { status: res.statusCode, body, rows: Array.isArray(body) ? (body as Row[]) : [] };
}
