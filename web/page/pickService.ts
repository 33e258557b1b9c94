import { getJson } from './api.js';

/**
 * The service to open when the URL names none: the one in namespace `default` with the most
 * endpoints now (the busiest service a first look most likely wants), else the first recorded one.
 */
export async function pickService(cluster: string | null, services: readonly string[]): Promise<string> {
  const inDefault = services.filter((s) => s.startsWith('default/') && s !== 'default/kubernetes');
  if (inDefault.length > 0) {
    const rows = await getJson<{ service: string }[]>('api/grafana/v1/endpoints-at', {
      cluster,
      namespace: 'default',
    });
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.service, (counts.get(r.service) ?? 0) + 1);
    const best = [...inDefault].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0];
    if (best !== undefined && (counts.get(best) ?? 0) > 0) return best;
  }
  return services[0]!;
}
