import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildProgram } from '../../../src/cli/program.js';
import { packageRoot } from '../../../src/util/packageRoot.js';

const REPO = packageRoot();
const FLEET = join(REPO, 'deploy', 'fleet');
// biome-ignore lint/suspicious/noExplicitAny: parsed manifests are walked by the shape the test asserts
type Obj = Record<string, any>;

const files = readdirSync(FLEET).filter((f) => /\.ya?ml$/.test(f));
const docs: Obj[] = files.flatMap((f) =>
  parseAllDocuments(readFileSync(join(FLEET, f), 'utf8')).map((d) => {
    expect(d.errors, f).toEqual([]);
    return d.toJS() as Obj;
  }),
);
const deployments = docs.filter((d) => d.kind === 'Deployment');
const component = (d: Obj): string => d.metadata.labels['app.kubernetes.io/component'];
const recorders = deployments.filter((d) => component(d) === 'recorder');
const serve = deployments.find((d) => component(d) === 'serve')!;
const containerOf = (d: Obj): Obj => d.spec.template.spec.containers[0];
const envOf = (d: Obj): Record<string, Obj> =>
  Object.fromEntries((containerOf(d).env as Obj[]).map((e) => [e.name, e]));
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The long options a command of the real CLI accepts. */
const optionsOf = (name: string): string[] =>
  buildProgram()
    .commands.find((c) => c.name() === name)!
    .options.map((o) => o.long!);

describe('deploy/fleet/', () => {
  it('lists each manifest in kustomization.yaml, all in one namespace', () => {
    const kustomization = docs.find((d) => d.kind === 'Kustomization')!;
    expect([...kustomization.resources].sort()).toEqual(
      files.filter((f) => f !== 'kustomization.yaml').sort(),
    );
    expect(kustomization.namespace).toBe(docs.find((d) => d.kind === 'Namespace')!.metadata.name);
  });

  it('runs exactly one recorder per cluster, each with its own kubeconfig Secret and cluster name', () => {
    expect(recorders.length).toBeGreaterThanOrEqual(2);
    const names = recorders.map((d) => d.metadata.labels['endpoints-history/cluster'] as string);
    expect(new Set(names).size).toBe(names.length);
    const recordFlags = optionsOf('record');
    for (const [i, d] of recorders.entries()) {
      const name = names[i]!;
      // a second recorder of a cluster is refused by the database: never two, not even in a rollout
      expect(d.spec.replicas, name).toBe(1);
      expect(d.spec.strategy, name).toEqual({ type: 'Recreate' });
      const c = containerOf(d);
      expect(c.args[0]).toBe('record');
      const flags = Object.fromEntries((c.args as string[]).slice(1).map((a) => a.split('=')));
      // an operator's typo in a flag would crash-loop the pod: every flag is one `record` takes
      for (const flag of Object.keys(flags)) expect(recordFlags, flag).toContain(flag);
      expect(flags['--cluster-name']).toBe(name);
      const volume = (d.spec.template.spec.volumes as Obj[]).find((v) => v.secret)!;
      expect(volume.secret.secretName).toBe(`kubeconfig-${name}`);
      const mount = (c.volumeMounts as Obj[]).find((m) => m.name === volume.name)!;
      expect(mount.readOnly).toBe(true);
      expect(flags['--kubeconfig']).toBe(`${mount.mountPath}/config`);
      // the Secret's files are readable by the container's group only
      expect(d.spec.template.spec.securityContext.fsGroup).toBe(
        d.spec.template.spec.securityContext.runAsUser,
      );
      expect(volume.secret.defaultMode & 0o004).toBe(0);
      expect(envOf(d).EPH_DB!.valueFrom.secretKeyRef).toEqual({
        name: 'endpoints-history-db-recorder',
        key: 'url',
      });
      expect(d.spec.template.spec.automountServiceAccountToken).toBe(false);
    }
  });

  it('serves with at least two stateless replicas through the read-only role, behind a Service', () => {
    expect(serve.spec.replicas).toBeGreaterThanOrEqual(2);
    const c = containerOf(serve);
    expect(c.args).toEqual(['serve']);
    expect(envOf(serve).EPH_DB!.valueFrom.secretKeyRef).toEqual({
      name: 'endpoints-history-db-reader',
      key: 'url',
    });
    expect(envOf(serve).EPH_HOST!.value).toBe('0.0.0.0');
    expect((serve.spec.template.spec.volumes as Obj[]).some((v) => v.persistentVolumeClaim)).toBe(false);
    for (const flag of ['--host', '--port']) expect(optionsOf('serve')).toContain(flag);
    const service = docs.find((d) => d.kind === 'Service')!;
    // the Service reaches serve pods only: a recorder has no API to answer with
    expect(matches(service.spec.selector, serve.spec.template.metadata.labels)).toBe(true);
    for (const r of recorders)
      expect(matches(service.spec.selector, r.spec.template.metadata.labels)).toBe(false);
    const port = (c.ports as Obj[]).find((p) => p.name === service.spec.ports[0].targetPort)!;
    expect(String(port.containerPort)).toBe(envOf(serve).EPH_PORT!.value);
    const pdb = docs.find((d) => d.kind === 'PodDisruptionBudget')!;
    expect(pdb.spec.selector.matchLabels).toEqual(serve.spec.selector.matchLabels);
  });

  it('takes every database URL from a Secret, never from the manifests', () => {
    // comments show the URLs' shape; no manifest value holds one
    expect(JSON.stringify(docs)).not.toMatch(/postgres(ql)?:\/\//);
  });
});

describe('deploy/fleet/roles.sql', () => {
  const sql = readFileSync(join(FLEET, 'roles.sql'), 'utf8');
  const listed = (name: string): string[] => {
    const m = new RegExp(`${name} constant text\\[\\] := ARRAY\\[([^\\]]*)\\]`).exec(sql);
    expect(m, name).not.toBeNull();
    return [...m![1]!.matchAll(/'(\w+)'/g)].map((x) => x[1]!);
  };
  const created = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.sql'))
          .flatMap((f) => [
            ...readFileSync(join(dir, f), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gi),
          ])
          .map((m) => m[1]!)
      : [];

  it('names only tables a migration creates, and every table of the PostgreSQL migrations that ship', () => {
    const named = [...listed('written'), ...listed('maintained')];
    const postgres = created(join(REPO, 'migrations', 'postgres'));
    const known = new Set([
      ...created(join(REPO, 'migrations')),
      ...postgres,
      'schema_migrations',
      'cluster_clocks',
    ]);
    for (const t of named) expect(known, t).toContain(t);
    for (const t of postgres) expect(named, `migrations/postgres creates ${t}`).toContain(t);
  });

  it('lets the reader only read, and the recorder never delete, truncate or create', () => {
    expect(sql).toMatch(/ALTER ROLE eph_reader SET default_transaction_read_only = on;/);
    const grants = [...sql.matchAll(/GRANT ([A-Z, ]+) ON [^;]*? TO ([a-z_, ]+)/g)].map((m) => ({
      privileges: m[1]!.split(',').map((p) => p.trim()),
      to: m[2]!.split(',').map((r) => r.trim()),
    }));
    for (const g of grants.filter((x) => x.to.includes('eph_reader')))
      expect(g.privileges.filter((p) => !['SELECT', 'USAGE', 'CONNECT'].includes(p))).toEqual([]);
    for (const g of grants.filter((x) => x.to.includes('eph_recorder')))
      expect(g.privileges.filter((p) => ['DELETE', 'TRUNCATE', 'CREATE'].includes(p))).toEqual([]);
  });
});
