import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../../../src/util/packageRoot.js';
import type { InfinityQuery } from './infinity.js';

export const INFINITY = 'yesoreyeram-infinity-datasource';
export const GRAFANA_DIR = join(packageRoot(), 'deploy', 'grafana');

export interface DatasourceRef {
  type: string;
  uid: string;
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: DatasourceRef;
  targets?: (InfinityQuery & { datasource?: DatasourceRef })[];
  transformations?: { id: string; options: { fields?: string[]; keepFields?: boolean } }[];
}

export interface Dashboard {
  uid: string;
  schemaVersion: number;
  templating: {
    list: {
      name: string;
      type: string;
      allValue?: string;
      datasource?: DatasourceRef;
      query: { infinityQuery?: InfinityQuery };
    }[];
  };
  annotations: { list: { name: string; datasource: DatasourceRef; target?: InfinityQuery }[] };
  panels: Panel[];
}

/** Where a shipped Infinity query lives, and what consumes its frame. */
export interface ShippedTarget {
  where: string;
  consumer: 'variable' | 'annotation' | 'timeseries' | 'state-timeline' | 'table';
  query: InfinityQuery;
  datasource: DatasourceRef | undefined;
  /** Fields a partitionByValues transformation splits the frame by. */
  partitionedBy: string[];
}

export const loadDashboard = (): Dashboard =>
  JSON.parse(readFileSync(join(GRAFANA_DIR, 'dashboards', 'endpoints-history.json'), 'utf8')) as Dashboard;

/** The shipped data source provisioning file. */
export interface DatasourceFile {
  apiVersion: number;
  datasources: {
    name: string;
    uid: string;
    type: string;
    access: string;
    url: string;
    jsonData: Record<string, unknown>;
  }[];
}

export const loadDatasources = (): DatasourceFile =>
  parse(
    readFileSync(join(GRAFANA_DIR, 'provisioning', 'datasources', 'endpoints-history.yaml'), 'utf8'),
  ) as DatasourceFile;

/** Every Infinity query of the dashboard: variables' `infinityQuery`, annotation targets, panel targets. */
export function shippedTargets(d: Dashboard): ShippedTarget[] {
  const out: ShippedTarget[] = [];
  for (const v of d.templating.list) {
    if (v.datasource?.type === INFINITY && v.query.infinityQuery) {
      out.push({
        where: `variable ${v.name}`,
        consumer: 'variable',
        query: v.query.infinityQuery,
        datasource: v.datasource,
        partitionedBy: [],
      });
    }
  }
  for (const a of d.annotations.list) {
    if (a.datasource.type === INFINITY && a.target) {
      out.push({
        where: `annotation "${a.name}"`,
        consumer: 'annotation',
        query: a.target,
        datasource: a.datasource,
        partitionedBy: [],
      });
    }
  }
  for (const p of d.panels) {
    for (const t of p.targets ?? []) {
      const partition = p.transformations?.find((x) => x.id === 'partitionByValues');
      out.push({
        where: `panel "${p.title}" ${t.refId}`,
        consumer: p.type as ShippedTarget['consumer'],
        query: t,
        datasource: t.datasource ?? p.datasource,
        partitionedBy: partition?.options.fields ?? [],
      });
    }
  }
  return out;
}
