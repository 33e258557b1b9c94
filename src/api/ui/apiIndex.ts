/** The JSON index of the HTTP API, served at `/api` (it was at `/` before the timeline page). */
export function apiIndex(metrics: boolean): Record<string, string | null> {
  return {
    name: 'endpoints-history',
    page: '/',
    graphql: '/graphql',
    graphiql: '/graphiql',
    grafana: '/api/grafana/v1/',
    ui: '/api/ui/v1/',
    kube: '/kube/clusters/{cluster}/at/{time}/ (endpoints-history kubeconfig --at T writes a kubeconfig for it)',
    health: '/healthz',
    metrics: metrics ? '/metrics' : null,
  };
}
