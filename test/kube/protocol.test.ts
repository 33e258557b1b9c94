import { describe, expect, it } from 'vitest';
import {
  aggregatedDiscovery,
  decodeListContinue,
  encodeListContinue,
  matchesFields,
  negotiateAggregated,
  parseFieldSelector,
  parseKubeListOptions,
  parseKubePath,
  tableRequestFrom,
  warningHeaderValue,
} from '../../src/kube/index.js';

const KUBECTL_DISCOVERY =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const KUBECTL_TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('content negotiation as the API server does it', () => {
  it('gives kubectl ≥ 1.26 aggregated discovery v2, and plain JSON clients the unaggregated documents', () => {
    expect(negotiateAggregated(KUBECTL_DISCOVERY)).toBe('v2');
    expect(
      negotiateAggregated('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList'),
    ).toBe('v2beta1');
    expect(negotiateAggregated('application/json, */*')).toBeNull();
    expect(negotiateAggregated(undefined)).toBeNull();
    // a version we do not serve is passed over, not guessed
    expect(
      negotiateAggregated('application/json;g=apidiscovery.k8s.io;v=v9;as=APIGroupDiscoveryList'),
    ).toBeNull();
  });

  it('prints a Table for kubectl get (v1 first), with Metadata objects unless includeObject says otherwise', () => {
    expect(tableRequestFrom(KUBECTL_TABLE, undefined)).toEqual({ version: 'v1', includeObject: 'Metadata' });
    expect(tableRequestFrom(KUBECTL_TABLE, 'Object')).toEqual({ version: 'v1', includeObject: 'Object' });
    expect(tableRequestFrom('application/json;as=Table;v=v1beta1;g=meta.k8s.io', 'None')).toEqual({
      version: 'v1beta1',
      includeObject: 'None',
    });
    expect(tableRequestFrom('application/json', undefined)).toBeNull();
    // plain JSON preferred over a Table: no Table
    expect(tableRequestFrom(`application/json,${KUBECTL_TABLE}`, undefined)).toBeNull();
    expect(tableRequestFrom('application/json;as=Table;v=v7;g=meta.k8s.io', undefined)).toBeNull();
  });
});

describe('aggregated discovery', () => {
  it('lists the core resources under /api and EndpointSlices under /apis, nothing else', () => {
    const core = aggregatedDiscovery('/api', 'v2') as {
      items: { versions: { resources: { resource: string; scope: string }[] }[] }[];
    };
    expect(core.items).toHaveLength(1);
    expect(core.items[0]!.versions[0]!.resources.map((r) => [r.resource, r.scope])).toEqual([
      ['endpoints', 'Namespaced'],
      ['namespaces', 'Cluster'],
      ['pods', 'Namespaced'],
      ['services', 'Namespaced'],
    ]);
    const groups = aggregatedDiscovery('/apis', 'v2') as {
      items: {
        metadata: { name: string };
        versions: { resources: { resource: string; verbs: string[] }[] }[];
      }[];
    };
    expect(groups.items.map((g) => g.metadata.name)).toEqual(['discovery.k8s.io']);
    expect(groups.items[0]!.versions[0]!.resources).toMatchObject([
      { resource: 'endpointslices', verbs: ['get', 'list', 'watch'] },
    ]);
  });
});

describe('paths', () => {
  it('maps the REST layout: collections, namespaced objects, legacy watch, events and subresources', () => {
    const p = (path: string) => parseKubePath(path.split('/').filter((s) => s !== ''));
    expect(p('/api/v1/pods')).toMatchObject({ type: 'collection', namespace: undefined, legacyWatch: false });
    expect(p('/api/v1/namespaces/shop/pods/web-1')).toMatchObject({
      type: 'object',
      namespace: 'shop',
      name: 'web-1',
    });
    expect(p('/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices')).toMatchObject({
      type: 'collection',
      namespace: 'shop',
    });
    expect(p('/api/v1/watch/namespaces/shop/pods')).toMatchObject({ type: 'collection', legacyWatch: true });
    expect(p('/api/v1/namespaces')).toMatchObject({ type: 'collection' });
    expect(p('/api/v1/namespaces/shop')).toMatchObject({ type: 'object', name: 'shop' });
    expect(p('/api/v1/namespaces/shop/events')).toEqual({ type: 'events', namespace: 'shop' });
    expect(p('/api/v1/namespaces/shop/pods/web-1/log')).toMatchObject({
      type: 'subresource',
      subresource: 'log',
    });
    expect(p('/apis')).toEqual({ type: 'discovery', path: '/apis' });
  });

  it('finds nothing for what is not served: other groups, cluster-wide names of namespaced kinds, deep paths', () => {
    for (const path of [
      '/apis/apps/v1/deployments',
      '/api/v1/secrets',
      '/api/v1/pods/web-1',
      '/api/v1/namespaces/shop/namespaces/x',
      '/api/v2/pods',
      '/api/v1/namespaces/shop/pods/a/b/c',
    ])
      expect(parseKubePath(path.split('/').filter((s) => s !== ''))).toEqual({ type: 'unknown' });
  });
});

describe('field selectors', () => {
  const pod = {
    metadata: { name: 'web-1', namespace: 'shop' },
    spec: { nodeName: 'node-a', restartPolicy: 'Always' },
    status: { phase: 'Running', podIPs: [{ ip: '10.0.0.7' }, { ip: '2001:db8::7' }] },
  };
  const ok = (s: string, obj: object = pod) => {
    const r = parseFieldSelector(s, 'Pod');
    if (!r.ok) throw new Error(r.error);
    return matchesFields(r.value, obj);
  };

  it('selects pods by the fields kubectl sends, =, == and !=, all required', () => {
    expect(ok('metadata.name=web-1')).toBe(true);
    expect(ok('spec.nodeName==node-a,status.phase=Running')).toBe(true);
    expect(ok('status.phase!=Running')).toBe(false);
    expect(ok('metadata.namespace=shop,metadata.name=web-2')).toBe(false);
    expect(ok('spec.restartPolicy=Always')).toBe(true);
    // kubectl's "not on a node yet" selector: an unset field reads as ""
    expect(ok('spec.nodeName=', { metadata: { name: 'p' }, spec: {} })).toBe(true);
    expect(ok('spec.nodeName!=', { metadata: { name: 'p' }, spec: {} })).toBe(false);
  });

  it("reads status.podIP as kube's selectable fields do: the first of status.podIPs, else status.podIP", () => {
    expect(ok('status.podIP=10.0.0.7')).toBe(true);
    // only the first IP is selectable, as in kube's PodToSelectableFields
    expect(ok('status.podIP=2001:db8::7')).toBe(false);
    expect(ok('status.podIP=10.0.0.8', { status: { podIP: '10.0.0.8' } })).toBe(true);
    expect(ok('status.podIP=', { status: {} })).toBe(true);
  });

  it('reads spec.hostNetwork as true or false, an unset one as false', () => {
    expect(ok('spec.hostNetwork=false')).toBe(true);
    expect(ok('spec.hostNetwork=true', { spec: { hostNetwork: true } })).toBe(true);
  });

  it("refuses fields the kind has not, in kube's words, and malformed requirements", () => {
    expect(parseFieldSelector('spec.nodeName=a', 'Service')).toEqual({
      ok: false,
      error: 'field label not supported: spec.nodeName',
    });
    expect(parseFieldSelector('status.phase=Active', 'Namespace').ok).toBe(true);
    expect(parseFieldSelector('metadata.namespace=x', 'Namespace').ok).toBe(false);
    expect(parseFieldSelector('spec.podIP=10.0.0.1', 'Pod').ok).toBe(false);
    expect(parseFieldSelector('metadata.name', 'Pod').ok).toBe(false);
  });

  it('reads escaped commas and equal signs as part of the value', () => {
    const r = parseFieldSelector('metadata.name=a\\,b\\=c', 'Pod');
    expect(r).toEqual({ ok: true, value: [{ field: 'metadata.name', op: 'eq', value: 'a,b=c' }] });
  });
});

describe('list options', () => {
  it("reads booleans by kube's rule and refuses numbers that do not parse", () => {
    const q = (s: string) => parseKubeListOptions(new URLSearchParams(s));
    expect(q('watch=&allowWatchBookmarks=0&limit=500')).toMatchObject({
      ok: true,
      value: { watch: true, allowWatchBookmarks: false, limit: 500 },
    });
    expect(q('watch=false&resourceVersion=')).toMatchObject({ ok: true, value: { watch: false } });
    expect(q('limit=abc').ok).toBe(false);
    expect(q('timeoutSeconds=1e9').ok).toBe(false);
  });
});

describe('continue tokens and warnings', () => {
  it('round-trips a position and refuses tokens it did not make', () => {
    const pos = { at: 1_772_331_310_000, resourceVersion: '41', start: 'default/b' };
    expect(decodeListContinue(encodeListContinue(pos))).toEqual(pos);
    expect(decodeListContinue('not-a-token')).toBeNull();
    expect(decodeListContinue(Buffer.from('{"v":"eph/1","at":"x"}').toString('base64url'))).toBeNull();
  });

  it('writes a Warning as 299 - "text", quoted, in ASCII', () => {
    expect(warningHeaderValue('a "gap" \\ here')).toBe('299 - "a \\"gap\\" \\\\ here"');
    expect(warningHeaderValue('gap 02:25–02:27\nnext')).toBe('299 - "gap 02:25?02:27?next"');
  });
});
