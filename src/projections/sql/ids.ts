import type { Database, Statement } from 'better-sqlite3';
import { serviceKey } from '../keys.js';
import type { ServiceRef } from '../types.js';

/** Interned ids for clusters, service keys and port sets, cached for the writer's hot path. */
export class SqlIds {
  private readonly clusters = new Map<string, number>();
  private readonly services = new Map<string, number>();
  private readonly portSets = new Map<string, number>();
  private readonly stmts: Record<
    'getCluster' | 'addCluster' | 'getService' | 'addService' | 'getPorts' | 'addPorts',
    Statement
  >;

  constructor(db: Database) {
    this.stmts = {
      getCluster: db.prepare('SELECT id FROM clusters WHERE name = ?').pluck(),
      addCluster: db.prepare('INSERT INTO clusters (name) VALUES (?)'),
      getService: db
        .prepare('SELECT id FROM service_keys WHERE cluster_id = ? AND namespace = ? AND name = ?')
        .pluck(),
      addService: db.prepare('INSERT INTO service_keys (cluster_id, namespace, name) VALUES (?, ?, ?)'),
      getPorts: db.prepare('SELECT id FROM port_sets WHERE ports = ?').pluck(),
      addPorts: db.prepare('INSERT INTO port_sets (ports) VALUES (?)'),
    };
  }

  cluster(name: string): number {
    let id = this.clusters.get(name);
    if (id === undefined) {
      id =
        (this.stmts.getCluster.get(name) as number | undefined) ??
        Number(this.stmts.addCluster.run(name).lastInsertRowid);
      this.clusters.set(name, id);
    }
    return id;
  }

  service(ref: ServiceRef): number {
    const key = serviceKey(ref);
    let id = this.services.get(key);
    if (id === undefined) {
      const cluster = this.cluster(ref.cluster);
      id =
        (this.stmts.getService.get(cluster, ref.namespace, ref.name) as number | undefined) ??
        Number(this.stmts.addService.run(cluster, ref.namespace, ref.name).lastInsertRowid);
      this.services.set(key, id);
    }
    return id;
  }

  ports(json: string): number {
    let id = this.portSets.get(json);
    if (id === undefined) {
      id =
        (this.stmts.getPorts.get(json) as number | undefined) ??
        Number(this.stmts.addPorts.run(json).lastInsertRowid);
      this.portSets.set(json, id);
    }
    return id;
  }

  /** Forget every cached id (after a rebuild cleared service_keys, or a rolled-back transaction). */
  reset(): void {
    this.clusters.clear();
    this.services.clear();
    this.portSets.clear();
  }
}
