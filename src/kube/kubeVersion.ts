/**
 * What `/version` answers. The history has no version of its own cluster to report (it is not
 * recorded), so it names the API it implements: v1 Endpoints deprecated (1.33), EndpointSlices GA,
 * aggregated discovery v2. `gitVersion` says plainly that this is endpoints-history, not a cluster.
 */
export const KUBE_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.0+endpoints-history',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.24.0',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;
