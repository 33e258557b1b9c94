// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Grafana template variables are literal text here
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_STATES } from '../../../src/api/grafana/memberState.js';
import { t as at } from '../../query/incidentRecording.js';
import { loadDashboard, loadDatasources, type ShippedTarget, shippedTargets } from './dashboard.js';
import { useFixture } from './fixture.js';
import {
  expectBandsDisjoint,
  expectColumnTypes,
  expectIntervalsWithin,
  expectLongToWideReady,
  expectSortedByTime,
  timeFieldOrder,
} from './frameChecks.js';
import { type InfinityQuery, infinityUrl, type Scene } from './infinity.js';
import type { Row } from './request.js';

const dashboard = loadDashboard();
const targets = shippedTargets(dashboard);
const datasource = loadDatasources().datasources[0]!;
const range = { from: at('02:00:00'), to: at('02:40:00') };

const scenes: (Scene & { isoDates?: boolean })[] = [
  {
    name: 'one namespace, one service',
    ...range,
    intervalMs: 2400,
    variables: { cluster: ['test'], namespace: ['default'], service: ['service-hello'] },
  },
  {
    name: 'two namespaces and two services, sent in glob form',
    ...range,
    intervalMs: 2400,
    variables: {
      cluster: ['test'],
      namespace: ['default', 'shop'],
      service: ['default/service-hello', 'shop/cart'],
    },
  },
  {
    name: 'All namespaces and All services',
    ...range,
    intervalMs: 1000,
    variables: { cluster: ['test'], namespace: 'All', service: 'All' },
  },
  {
    name: 'an alert rule, where ${__interval_ms} arrives as literal text',
    ...range,
    intervalMs: null,
    variables: { cluster: ['test'], namespace: ['shop'], service: ['cart'] },
  },
  {
    name: 'the range written as ${__timeFrom:date:iso} instead of epoch ms',
    from: at('02:00:00') + 250,
    to: at('02:40:09') + 250,
    intervalMs: 2400,
    isoDates: true,
    variables: { cluster: ['test'], namespace: ['default'], service: ['service-hello'] },
  },
];

const fx = useFixture();
let app: FastifyInstance;
beforeAll(async () => {
  app = await fx.app();
});

const withIsoDates = (q: InfinityQuery): InfinityQuery => ({
  ...q,
  url_options: {
    ...q.url_options,
    params: q.url_options.params?.map((p) => ({
      ...p,
      value: p.value.replace(/\$\{__time(From|To)\}/, '${__time$1:date:iso}'),
    })),
  },
});

/** Requests a shipped query exactly as Infinity would, and returns the rows. */
async function run(
  target: ShippedTarget,
  scene: Scene & { isoDates?: boolean },
): Promise<{ url: URL; rows: Row[] }> {
  const query = scene.isoDates ? withIsoDates(target.query) : target.query;
  const url = infinityUrl(datasource.url, query, dashboard.templating.list, scene);
  const res = await app.inject({
    method: 'GET',
    url: url.pathname + url.search,
    headers: { accept: 'application/json;q=0.9,text/plain', 'user-agent': 'Go-http-client/1.1' },
  });
  expect(res.statusCode, `${target.where} ${url}: ${res.body}`).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const rows = res.json() as unknown;
  expect(Array.isArray(rows), `${target.where} answered no array at the root`).toBe(true);
  return { url, rows: rows as Row[] };
}

const answered = new Map<string, number>();

function checkFrame(target: ShippedTarget, rows: Row[], scene: Scene): void {
  const { query, where } = target;
  const texts = query.columns.map((c) => c.text);
  expect(query.root_selector, `${where}: our routes answer an array at the root`).toBe('');
  expectColumnTypes(rows, query.columns, where);
  if (texts.includes('time')) expectSortedByTime(rows, where);
  if (texts.includes('timeEnd')) expectIntervalsWithin(rows, scene.from, scene.to, where);
  if (target.consumer === 'variable') {
    expect([...texts].sort()).toEqual(['__text', '__value']);
    expect(new Set(rows.map((r) => r.__value)).size, `${where}: duplicate options`).toBe(rows.length);
  }
  if (target.consumer === 'annotation') {
    expect(texts).toEqual(expect.arrayContaining(['time', 'text', 'title', 'tags', 'timeEnd']));
    expect(timeFieldOrder(query)).toEqual(['time', 'timeEnd']);
    for (const r of rows) {
      expect(
        (r.tags as string).split(',').every((tag) => tag !== '' && tag.trim() === tag),
        `${where}: tags ${r.tags}`,
      ).toBe(true);
    }
  }
  if (target.consumer === 'timeseries') {
    expect(query.format).toBe('timeseries');
    expectLongToWideReady(rows, query, where);
    for (const r of rows) {
      const values = [r.ready, r.notReady, r.readyMin, r.readyMax];
      if (values.includes(null))
        expect(values, `${where}: unknown is null throughout`).toEqual([null, null, null, null]);
      else
        expect(
          (r.readyMin as number) <= (r.ready as number) && (r.ready as number) <= (r.readyMax as number),
        ).toBe(true);
    }
  }
  if (target.consumer === 'state-timeline') {
    expect(target.partitionedBy.length).toBeGreaterThan(0);
    expect(texts).toEqual(expect.arrayContaining(target.partitionedBy));
    expect(
      timeFieldOrder(query, target.partitionedBy),
      `${where}: first time field must be the start`,
    ).toEqual(['time', 'timeEnd']);
    const bandValues = query.columns.filter(
      (c) => !c.type.startsWith('timestamp') && !target.partitionedBy.includes(c.text),
    );
    expect(bandValues.map((c) => c.text)).toEqual(['state']);
    expectBandsDisjoint(rows, target.partitionedBy, where);
    for (const r of rows) expect(MEMBER_STATES).toContain(r.state);
  }
}

describe('the shipped dashboard', () => {
  it('holds Infinity queries in its variables, annotations and every panel, all on the provisioned data source', () => {
    expect(targets.filter((t) => t.consumer === 'variable').map((t) => t.where)).toEqual([
      'variable cluster',
      'variable namespace',
      'variable service',
    ]);
    expect(targets.filter((t) => t.consumer === 'annotation')).toHaveLength(3);
    expect(new Set(targets.map((t) => t.consumer))).toEqual(
      new Set(['variable', 'annotation', 'timeseries', 'state-timeline', 'table']),
    );
    for (const t of targets) {
      expect(t.datasource, t.where).toEqual({ type: 'yesoreyeram-infinity-datasource', uid: datasource.uid });
      // every query but the cluster list's asks about the chosen cluster
      if (t.where !== 'variable cluster')
        expect(t.query.url_options.params, t.where).toContainEqual({ key: 'cluster', value: '${cluster}' });
      expect(t.query).toMatchObject({
        type: 'json',
        source: 'url',
        parser: 'backend',
        url_options: { method: 'GET' },
      });
    }
  });
});

for (const scene of scenes) {
  describe(`every shipped query, for ${scene.name}`, () => {
    it('offers through the chained variables the values this scene selects', async () => {
      for (const name of ['cluster', 'namespace', 'service'] as const) {
        const chosen = scene.variables[name]!;
        if (chosen === 'All') continue;
        const target = targets.find((t) => t.where === `variable ${name}`)!;
        const { rows } = await run(target, scene);
        expect(rows.map((r) => r.__value)).toEqual(expect.arrayContaining(chosen));
      }
    });

    for (const target of targets) {
      it(`${target.where} answers rows that fit its columns and its panel`, async () => {
        const { rows, url } = await run(target, scene);
        if (scene.intervalMs === null && target.query.url.endsWith('/ready-count')) {
          expect(url.searchParams.get('step')).toBe('${__interval_ms}');
        }
        checkFrame(target, rows, scene);
        answered.set(target.where, (answered.get(target.where) ?? 0) + rows.length);
      });
    }
  });
}

describe('the contract checks above', () => {
  it('saw rows from every shipped query, so none of them passed on empty answers', () => {
    for (const t of targets) expect(answered.get(t.where) ?? 0, t.where).toBeGreaterThan(0);
  });
});
