import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slimObject } from '../../src/model/index.js';
import { packageRoot } from '../../src/util/packageRoot.js';
import { fullService, meta, slimmed } from './fixtures.js';

describe('slimObject(Service)', () => {
  it('keeps every whitelisted field, canonical IPs and sorted selector, and drops the rest', () => {
    const service = slimmed('Service', fullService());
    expect(service).toEqual({
      kind: 'Service',
      meta: {
        uid: '5b1c0000-0000-0000-0000-000000000003',
        namespace: 'shop',
        name: 'web',
        resourceVersion: '48100',
        labels: { app: 'web' },
        annotations: {},
        ownerKind: null,
        ownerName: null,
        createdAt: '2025-06-01T09:00:00Z',
        deletedAt: null,
      },
      type: 'NodePort',
      selector: { app: 'web', tier: 'frontend' },
      clusterIP: '10.96.12.34',
      clusterIPs: ['10.96.12.34', 'fd00:96::1234'],
      ipFamilies: ['IPv4', 'IPv6'],
      ports: [
        { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080, appProtocol: 'http' },
        { name: null, protocol: 'TCP', port: 9090, targetPort: 9090, nodePort: null, appProtocol: null },
      ],
      publishNotReadyAddresses: true,
      externalName: null,
    });
    expect(Object.keys(service.selector ?? {})).toEqual(['app', 'tier']);
    expect(JSON.stringify(service)).not.toContain('last-applied');
    expect(JSON.stringify(service)).not.toContain('sessionAffinity');
  });

  it('defaults type to ClusterIP and reads an absent or empty selector as selector-less (null)', () => {
    expect(slimmed('Service', { metadata: meta(), spec: {} })).toMatchObject({
      type: 'ClusterIP',
      selector: null,
    });
    expect(slimmed('Service', { metadata: meta(), spec: { selector: {} } }).selector).toBeNull();
    expect(slimmed('Service', { metadata: meta() }).publishNotReadyAddresses).toBe(false);
  });

  it('keeps a headless clusterIP "None" and an ExternalName target as written', () => {
    const headless = slimmed('Service', {
      metadata: meta(),
      spec: { clusterIP: 'None', clusterIPs: ['None'] },
    });
    expect([headless.clusterIP, headless.clusterIPs]).toEqual(['None', ['None']]);
    const external = slimmed('Service', {
      metadata: meta(),
      spec: { type: 'ExternalName', externalName: 'db.example.com' },
    });
    expect([external.type, external.externalName]).toEqual(['ExternalName', 'db.example.com']);
  });

  it('rejects a port whose targetPort is neither an integer nor a string', () => {
    const result = slimObject('Service', {
      metadata: meta(),
      spec: { ports: [{ port: 80, targetPort: true }] },
    });
    expect(result).toMatchObject({ ok: false, reason: 'invalid-field' });
  });

  it('keeps only the Service fields the documented whitelist names, externalName included', () => {
    const design = readFileSync(join(packageRoot(), 'docs', 'design.md'), 'utf8');
    const whitelist = design.slice(design.indexOf('**Slimming is a security rule.**')).split('\n\n')[0]!;
    const service = slimmed('Service', fullService());
    for (const field of Object.keys(service).filter((k) => k !== 'kind' && k !== 'meta'))
      expect(whitelist, `docs/design.md does not name Service.${field}`).toContain(`\`${field}\``);
  });
});
