import { describe, expect, it } from 'vitest';
import {
  formatDiscoveryEndpoints,
  formatEndpointsCell,
  humanDuration,
  PRINTERS,
  podRow,
  printTable,
  serviceRow,
  tableRequestFrom,
} from '../../src/kube/index.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [59 * S, '59s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [2 * M + 5 * S, '2m5s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [5 * H + 3 * M, '5h3m'],
    [8 * H + 59 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [3 * D + 4 * H, '3d4h'],
    [8 * D, '8d'],
    [729 * D, '729d'],
    [2 * 365 * D, '2y'],
    [2 * 365 * D + 30 * D, '2y30d'],
    [9 * 365 * D, '9y'],
  ])('renders %d ms as %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('formatEndpointsCell (printers.go formatEndpoints)', () => {
  const addrs = (n: number, prefix = '10.0.0.') =>
    Array.from({ length: n }, (_, i) => ({ ip: `${prefix}${i + 1}` }));

  it('prints <none> without subsets and an empty cell for subsets without ready addresses', () => {
    expect(formatEndpointsCell({})).toBe('<none>');
    expect(formatEndpointsCell({ subsets: [] })).toBe('<none>');
    expect(formatEndpointsCell({ subsets: [{ ports: [{ port: 80 }] }] })).toBe('');
  });

  it('lists ip:port for up to three addresses, then "+ N more..."', () => {
    expect(formatEndpointsCell({ subsets: [{ addresses: addrs(2), ports: [{ port: 80 }] }] })).toBe(
      '10.0.0.1:80,10.0.0.2:80',
    );
    expect(formatEndpointsCell({ subsets: [{ addresses: addrs(5), ports: [{ port: 80 }] }] })).toBe(
      '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...',
    );
  });

  it('counts one entry per (port, address) pair, brackets IPv6 and prints bare IPs for port-less subsets', () => {
    const twoPorts = { subsets: [{ addresses: addrs(2), ports: [{ port: 80 }, { port: 443 }] }] };
    expect(formatEndpointsCell(twoPorts)).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...');
    expect(
      formatEndpointsCell({ subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }] }),
    ).toBe('[fd00::1]:80');
    expect(formatEndpointsCell({ subsets: [{ addresses: addrs(4) }] })).toBe(
      '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...',
    );
  });

  it('formats EndpointSlice endpoints with <unset> when empty', () => {
    expect(formatDiscoveryEndpoints([])).toBe('<unset>');
    expect(formatDiscoveryEndpoints([{ addresses: ['a'] }, { addresses: ['b', 'c', 'd'] }])).toBe(
      'a,b,c + 1 more...',
    );
  });
});

describe('pod and service rows', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('shows Terminating for a deleting pod and restarts with the age of the last termination', () => {
    const row = podRow(
      {
        metadata: {
          name: 'p',
          creationTimestamp: '2025-06-01T11:00:00Z',
          deletionTimestamp: '2025-06-01T11:59:00Z',
        },
        spec: { containers: [{ name: 'a' }, { name: 'b' }], nodeName: 'n1' },
        status: {
          phase: 'Running',
          podIPs: [{ ip: '10.1.1.1' }],
          containerStatuses: [
            {
              name: 'a',
              ready: true,
              restartCount: 2,
              state: { running: {} },
              lastState: { terminated: { finishedAt: '2025-06-01T11:55:00Z' } },
            },
            { name: 'b', ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      },
      now,
    );
    expect(row.slice(0, 7)).toEqual(['p', '1/2', 'Terminating', '3 (5m ago)', '60m', '10.1.1.1', 'n1']);
  });

  it('reports the init container progress while initializing', () => {
    const row = podRow(
      {
        metadata: { name: 'p', creationTimestamp: '2025-06-01T11:59:30Z' },
        spec: { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] },
        status: { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { running: {} } }] },
      },
      now,
    );
    expect(row.slice(0, 5)).toEqual(['p', '0/1', 'Init:0/2', '0', '30s']);
  });

  it('prints service type, IPs, node ports and selector as kubectl does', () => {
    const row = serviceRow(
      {
        metadata: { name: 's', creationTimestamp: '2025-05-30T12:00:00Z' },
        spec: {
          type: 'LoadBalancer',
          clusterIPs: ['10.96.0.5'],
          ports: [
            { port: 80, nodePort: 30080, protocol: 'TCP' },
            { port: 53, protocol: 'UDP' },
          ],
          selector: { b: '2', a: '1' },
        },
        status: { loadBalancer: {} },
      },
      now,
    );
    expect(row).toEqual([
      's',
      'LoadBalancer',
      '10.96.0.5',
      '<pending>',
      '80:30080/TCP,53/UDP',
      '2d',
      'a=1,b=2',
    ]);
  });
});

describe('server-side Table negotiation', () => {
  it('reads kubectl Accept headers', () => {
    const accept =
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    expect(tableRequestFrom(accept, undefined)).toEqual({ version: 'v1', includeObject: 'Metadata' });
    expect(tableRequestFrom('application/json', undefined)).toBeNull();
  });
});

describe('printTable (kubectl get from the printer columns)', () => {
  const svc = {
    metadata: { name: 'web', namespace: 'shop', creationTimestamp: '2025-06-01T12:00:00Z' },
    spec: {
      type: 'ClusterIP',
      clusterIPs: ['10.96.0.10'],
      ports: [{ port: 80, protocol: 'TCP' }],
      selector: { app: 'web' },
    },
  };
  const now = Date.parse('2025-06-01T12:05:00Z');

  it('prints the upper-cased priority-0 columns, and the priority-1 ones only when wide', () => {
    expect(printTable(PRINTERS.Service, [svc], now, { wide: false, allNamespaces: false })).toBe(
      'NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
        'web    ClusterIP   10.96.0.10   <none>        80/TCP    5m\n',
    );
    expect(printTable(PRINTERS.Service, [svc], now, { wide: true, allNamespaces: false })).toBe(
      'NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR\n' +
        'web    ClusterIP   10.96.0.10   <none>        80/TCP    5m    app=web\n',
    );
  });

  it("puts each object's namespace first with -A", () => {
    expect(printTable(PRINTERS.Service, [svc], now, { wide: false, allNamespaces: true })).toBe(
      'NAMESPACE   NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
        'shop        web    ClusterIP   10.96.0.10   <none>        80/TCP    5m\n',
    );
  });
});
