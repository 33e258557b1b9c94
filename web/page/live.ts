import { createClient } from 'graphql-ws';

/**
 * Calls `changed` when the service's endpoints change: the GraphQL subscription `endpointsChanged`
 * over WebSocket, or — if the socket cannot be used (a proxy, a token the upgrade cannot carry) —
 * polling every `pollMs`. Returns a function that stops both.
 */
export function followChanges(
  args: { cluster: string | null; namespace: string; name: string },
  changed: () => void,
  pollMs = 5000,
): () => void {
  let poll: ReturnType<typeof setInterval> | null = null;
  const fallback = () => {
    poll ??= setInterval(changed, pollMs);
  };
  const url = new URL('graphql', document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = createClient({ url: url.href, retryAttempts: 2, lazy: true });
  const stop = client.subscribe(
    {
      query:
        'subscription Live($cluster: String, $namespace: String!, $name: String!) { endpointsChanged(cluster: $cluster, namespace: $namespace, service: $name) { at } }',
      variables: args,
    },
    { next: () => changed(), error: fallback, complete: fallback },
  );
  return () => {
    stop();
    void client.dispose();
    if (poll !== null) clearInterval(poll);
  };
}
