import { describe, expect, it } from 'vitest';
import { serviceObject } from '../../../src/kube/index.js';

const metadata = { name: 'web', namespace: 'shop', uid: 'u-1', resourceVersion: '7' };

describe('serviceObject', () => {
  it('defaults as the API server does: TCP, targetPort = port, single-stack IPv4 from the cluster IP', () => {
    const svc = serviceObject({
      metadata,
      selector: { app: 'web' },
      clusterIP: '10.96.0.10',
      ports: [{ port: 80 }],
    });
    expect(svc.spec).toEqual({
      ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
      selector: { app: 'web' },
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    });
    expect(Object.keys(svc.spec)).toEqual([
      'ports',
      'selector',
      'clusterIP',
      'clusterIPs',
      'type',
      'sessionAffinity',
      'ipFamilies',
      'ipFamilyPolicy',
      'internalTrafficPolicy',
    ]);
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it('derives the families from the cluster IPs, primary first, and requires dual stack for two', () => {
    const svc = serviceObject({ metadata, clusterIPs: ['fd00::5', '10.96.0.5'], ports: [{ port: 80 }] });
    expect(svc.spec).toMatchObject({
      clusterIP: 'fd00::5',
      ipFamilies: ['IPv6', 'IPv4'],
      ipFamilyPolicy: 'RequireDualStack',
    });
    expect('selector' in svc.spec).toBe(false);
  });

  it('keeps a headless service headless (IPv4 family) and gives NodePort services an external policy', () => {
    const headless = serviceObject({ metadata, clusterIP: 'None', ports: [{ port: 80 }] });
    expect(headless.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv4'] });
    const nodePort = serviceObject({
      metadata,
      type: 'NodePort',
      clusterIP: '10.96.0.10',
      ports: [{ port: 80, nodePort: 31111 }],
    });
    expect(nodePort.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', ports: [{ nodePort: 31111 }] });
  });

  it('gives an ExternalName service no cluster IP, families or traffic policies, only its name', () => {
    const svc = serviceObject({ metadata, type: 'ExternalName', externalName: 'db.example.com', ports: [] });
    expect(svc.spec).toEqual({
      ports: [],
      type: 'ExternalName',
      sessionAffinity: 'None',
      externalName: 'db.example.com',
    });
  });
});
