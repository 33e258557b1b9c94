import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubeconfigDocument, serverWithToken } from '../../src/kube/index.js';

describe('the kubeconfig document', () => {
  it('has one cluster and context per entry, the first current, and no credentials without a token', () => {
    const text = kubeconfigDocument(
      [
        { name: 'a@T', server: 'http://127.0.0.1:4000/kube/clusters/a/at/T' },
        { name: 'b@T', server: 'http://127.0.0.1:4000/kube/clusters/b/at/T' },
      ],
      { token: null, comment: 'first line\nsecond line' },
    );
    expect(text.startsWith('# first line\n# second line\n')).toBe(true);
    const doc = parse(text);
    expect(doc['current-context']).toBe('a@T');
    expect(doc.clusters.map((c: { cluster: { server: string } }) => c.cluster.server)).toEqual([
      'http://127.0.0.1:4000/kube/clusters/a/at/T',
      'http://127.0.0.1:4000/kube/clusters/b/at/T',
    ]);
    expect(doc.users).toEqual([{ name: 'endpoints-history', user: {} }]);
  });

  it('carries the token as a bearer token, and over plain HTTP also in the server URL (kubectl sends tokens only over TLS)', () => {
    const http = serverWithToken('http://10.0.0.1:4000/kube/clusters/a/at/T', 'to/k:en');
    expect(http).toBe('http://endpoints-history:to%2Fk%3Aen@10.0.0.1:4000/kube/clusters/a/at/T');
    expect(decodeURIComponent(new URL(http).password)).toBe('to/k:en');
    expect(serverWithToken('https://eph.example/kube/clusters/a/at/T', 'tok')).toBe(
      'https://eph.example/kube/clusters/a/at/T',
    );
    const doc = parse(
      kubeconfigDocument([{ name: 'a', server: 'https://eph.example/k' }], { token: 'tok', comment: '' }),
    );
    expect(doc.users[0].user).toEqual({ token: 'tok' });
  });
});
