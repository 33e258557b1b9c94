import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { packageRoot } from '../../../src/util/packageRoot.js';
import { RESOURCES } from '../../../src/watch/resources.js';

const REPO = packageRoot();
const DEPLOY = join(REPO, 'deploy');
// biome-ignore lint/suspicious/noExplicitAny: parsed manifests are walked by the shape the test asserts
type Obj = Record<string, any>;

const files = readdirSync(DEPLOY).filter((f) => /\.ya?ml$/.test(f));
const docs: Obj[] = files.flatMap((f) =>
  parseAllDocuments(readFileSync(join(DEPLOY, f), 'utf8')).map((d) => {
    expect(d.errors, f).toEqual([]);
    return d.toJS() as Obj;
  }),
);
const one = (kind: string): Obj => {
  const found = docs.filter((d) => d.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

const deployment = one('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const env = Object.fromEntries(
  (container.env as { name: string; value: string }[]).map((e) => [e.name, e.value]),
);

describe('deploy/', () => {
  it('parses every YAML file and lists each manifest in kustomization.yaml', () => {
    const kustomization = one('Kustomization');
    const manifests = files.filter((f) => f !== 'kustomization.yaml').sort();
    expect([...kustomization.resources].sort()).toEqual(manifests);
  });

  it('grants get, list and watch on exactly the resources the recorder lists and watches, and nothing else', () => {
    const rules = one('ClusterRole').rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    const granted = rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => `${g}/${res}`)));
    const needed = Object.values(RESOURCES).map(
      (r) => `${r.prefix === '/api/v1' ? '' : r.prefix.split('/')[2]}/${r.plural}`,
    );
    expect(granted.sort()).toEqual(needed.sort());
    expect(granted).toContain('discovery.k8s.io/endpointslices');
    for (const r of rules) expect([...r.verbs].sort()).toEqual(['get', 'list', 'watch']);
  });

  it('binds the ClusterRole to the ServiceAccount the Deployment runs as', () => {
    const sa = one('ServiceAccount');
    const binding = one('ClusterRoleBinding');
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: one('ClusterRole').metadata.name,
    });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace },
    ]);
    expect(pod.serviceAccountName).toBe(sa.metadata.name);
    for (const d of docs.filter((x) => x.metadata?.namespace !== undefined)) {
      expect(d.metadata.namespace, d.kind).toBe(one('Namespace').metadata.name);
    }
  });

  it('runs one replica with Recreate, the database on the PVC mounted at /data, listening on all addresses', () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(container.args).toEqual(['run']);
    const claim = (pod.volumes as Obj[]).find((v) => v.persistentVolumeClaim)!;
    expect(claim.persistentVolumeClaim.claimName).toBe(one('PersistentVolumeClaim').metadata.name);
    const mount = (container.volumeMounts as Obj[]).find((m) => m.name === claim.name)!;
    expect(mount.mountPath).toBe('/data');
    expect(env.EPH_DB).toBe('/data/endpoints-history.db');
    expect(env.EPH_HOST).toBe('0.0.0.0');
  });

  it('probes /healthz on the port the app listens on, which the Service targets', () => {
    const port = (container.ports as Obj[])[0]!;
    expect(String(port.containerPort)).toBe(env.EPH_PORT);
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/healthz', port: port.name });
    }
    const service = one('Service');
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(service.spec.ports).toEqual([
      { name: 'http', port: 4000, targetPort: port.name, protocol: 'TCP' },
    ]);
  });

  it('runs as non-root on a read-only root filesystem with resources set', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources.requests).toMatchObject({
      cpu: expect.any(String),
      memory: expect.any(String),
    });
    expect(container.resources.limits.memory).toBeDefined();
  });

  it('sizes the pod for the recorder thread and the API: memory above the 300 MB budget, and no CPU limit', () => {
    const mib = (q: string): number => {
      const m = /^(\d+)(Mi|Gi)$/.exec(q);
      if (!m) throw new Error(`unexpected quantity ${q}`);
      return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
    };
    // ≤ 300 MB (286 MiB) RSS at 50,000 pods under query load: requested, with room for bursts above
    expect(mib(container.resources.requests.memory)).toBeGreaterThanOrEqual(300);
    expect(mib(container.resources.limits.memory)).toBeGreaterThan(mib(container.resources.requests.memory));
    // a CFS quota is shared by every thread: queries that spend it would throttle the recorder too
    expect(container.resources.limits.cpu).toBeUndefined();
    // /healthz answers within 200 ms (p99) under load; a probe gives it at least a second
    for (const probe of [container.readinessProbe, container.livenessProbe])
      expect(probe.timeoutSeconds).toBeGreaterThanOrEqual(1);
  });

  it('builds an image whose command runs a file the build produces, as the same non-root uid, on port 4000', () => {
    const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.map((s) => s.split('\n')[0]!.split(' ')[0])).toEqual([
      'node:20-bookworm-slim',
      'node:20-bookworm-slim',
    ]);
    const final = stages.at(-1)!;
    const entrypoint = JSON.parse(/^ENTRYPOINT (.+)$/m.exec(final)![1]!) as string[];
    const cmd = JSON.parse(/^CMD (.+)$/m.exec(final)![1]!) as string[];
    expect([...entrypoint, ...cmd]).toEqual(['node', 'dist/src/cli/main.js', 'run']);
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe('node dist/src/cli/main.js run');
    // tsc -p tsconfig.build.json compiles src/ with rootDir "." into dist/, so dist/src/cli/main.js comes from:
    const build = JSON.parse(readFileSync(join(REPO, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    expect(build.include).toContain('src');
    expect(existsSync(join(REPO, 'src/cli/main.ts'))).toBe(true);
    expect(stages[0]).toMatch(/^RUN npm run build && npm prune --omit=dev$/m);
    for (const dir of ['dist', 'migrations', 'graphql', 'node_modules']) {
      expect(final).toMatch(new RegExp(`^COPY --from=build /app/${dir} \\./${dir}$`, 'm'));
    }
    expect(final).toMatch(/^USER 1000:1000$/m);
    expect(final).toMatch(/^EXPOSE 4000$/m);
    expect(final).toMatch(/^VOLUME \/data$/m);
  });
});
