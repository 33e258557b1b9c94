import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GRAFANA_DIR, INFINITY, loadDashboard, loadDatasources, shippedTargets } from './dashboard.js';
import { useFixture } from './fixture.js';

const read = (path: string) => readFileSync(join(GRAFANA_DIR, path), 'utf8');
const yamlOf = <T>(path: string): T => parse(read(path)) as T;

interface ProviderFile {
  apiVersion: number;
  providers: { name: string; type: string; options: { path: string } }[];
}
interface ConfigMap {
  kind: string;
  metadata: { name: string; labels: Record<string, string> };
  data: Record<string, string>;
}

const ds = loadDatasources();
const dashboard = loadDashboard();

describe('data source provisioning', () => {
  it('declares one Infinity data source with a fixed uid, an explicit http:// base URL and a /healthz check', () => {
    expect(ds.apiVersion).toBe(1);
    expect(ds.datasources).toHaveLength(1);
    const d = ds.datasources[0]!;
    expect(d).toMatchObject({ uid: 'endpoints-history', type: INFINITY, access: 'proxy' });
    expect(d.url).toMatch(/^http:\/\/[^/]+:\d+$/);
    expect(d.jsonData.customHealthCheckEnabled).toBe(true);
    expect(d.jsonData.customHealthCheckUrl).toBe(`${d.url}/healthz`);
  });

  it('is the uid every query of the dashboard points at', () => {
    const uids = new Set(shippedTargets(dashboard).map((t) => t.datasource?.uid));
    for (const p of dashboard.panels) uids.add(p.datasource?.uid);
    expect([...uids]).toEqual([ds.datasources[0]!.uid]);
  });
});

describe('health check', () => {
  const fx = useFixture();

  it('answers 200 on the path the data source health check calls', async () => {
    const app = await fx.app();
    const path = new URL(String(ds.datasources[0]!.jsonData.customHealthCheckUrl)).pathname;
    expect((await app.inject(path)).statusCode).toBe(200);
  });
});

describe('dashboard provisioning', () => {
  it('has a file provider loading dashboards from a directory', () => {
    const p = yamlOf<ProviderFile>('provisioning/dashboards/endpoints-history.yaml');
    expect(p.apiVersion).toBe(1);
    expect(p.providers[0]).toMatchObject({ type: 'file', options: { path: expect.stringMatching(/^\//) } });
  });

  it('ships a dashboard with a fixed uid, schemaVersion 39, unique panel ids inside the 24-column grid', () => {
    expect(dashboard.uid).toBe('endpoints-history');
    expect(dashboard.schemaVersion).toBe(39);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    for (const p of dashboard.panels)
      for (const t of p.transformations ?? []) expect(['partitionByValues']).toContain(t.id);
  });
});

describe('Helm sidecar ConfigMaps', () => {
  it('wrap the data source file under the grafana_datasource label', () => {
    const cm = yamlOf<ConfigMap>('helm/datasource-configmap.yaml');
    expect(cm.kind).toBe('ConfigMap');
    expect(cm.metadata.labels.grafana_datasource).toBe('1');
    const [inner] = Object.values(cm.data);
    expect(parse(inner!)).toEqual(ds);
  });

  it('wrap exactly the shipped dashboard under the grafana_dashboard label', () => {
    const cm = yamlOf<ConfigMap>('helm/dashboard-configmap.yaml');
    expect(cm.metadata.labels.grafana_dashboard).toBe('1');
    expect(JSON.parse(cm.data['endpoints-history.json']!)).toEqual(dashboard);
  });
});
