import type { Database, Statement } from 'better-sqlite3';
import { OPEN_END, PROJECTIONS, type ProjectionName, type RowOp } from '../types.js';
import type { SqlIds } from './ids.js';

const b = (v: boolean): number => (v ? 1 : 0);

type OpenOp = Extract<RowOp, { op: 'open' }>;

/**
 * Applies the fold's row ops to the projection tables.
 * - `incremental` (the live write path): a row is inserted open when it opens and its valid_to set
 *   by primary key when it closes; the id of every open row is remembered for that.
 * - `bulk` (rebuild): a row is inserted once, complete, when it closes; rows still open at the end
 *   are inserted by `finish()`. Half the statements, and no index churn from updates.
 */
export class ProjectionWriter {
  /**
   * Row id of every open row, keyed by the row's attribute object (the fold hands the same object to
   * its open and its close): no per-row key strings kept alive.
   */
  readonly openRowIds = new WeakMap<object, number>();
  private readonly pending = new Map<object, OpenOp>();
  private readonly insert: Record<ProjectionName, Statement>;
  private readonly close: Record<ProjectionName, Statement>;
  private readonly markSlice: Statement;
  private readonly markEndpoints: Statement;
  private readonly checkpoint: Statement;

  constructor(
    db: Database,
    private readonly ids: SqlIds,
    private readonly mode: 'incremental' | 'bulk' = 'incremental',
  ) {
    this.insert = {
      endpoint_members:
        db.prepare(`INSERT INTO endpoint_members (service_id, source, ip, target_uid, target_kind,
        target_namespace, target_name, ready, serving, terminating, node_name, zone, hostname, port_set_id,
        valid_from, from_position, valid_to, to_position) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`),
      pod_ips:
        db.prepare(`INSERT INTO pod_ips (cluster_id, ip, pod_uid, namespace, name, node_name, valid_from,
        from_position, valid_to) VALUES (?,?,?,?,?,?,?,?,?)`),
      pod_states:
        db.prepare(`INSERT INTO pod_states (cluster_id, uid, namespace, name, phase, ready, node_name, ips,
        owner_kind, owner_name, created_at, deleting_at, restarts, valid_from, from_position, valid_to, ended_by_delete)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`),
      service_states:
        db.prepare(`INSERT INTO service_states (service_id, uid, type, cluster_ip, selector, ports,
        publish_not_ready, valid_from, from_position, valid_to) VALUES (?,?,?,?,?,?,?,?,?,?)`),
    };
    this.close = {
      endpoint_members: db.prepare('UPDATE endpoint_members SET valid_to = ?, to_position = ? WHERE id = ?'),
      pod_ips: db.prepare('UPDATE pod_ips SET valid_to = ? WHERE id = ?'),
      pod_states: db.prepare('UPDATE pod_states SET valid_to = ?, ended_by_delete = ? WHERE id = ?'),
      service_states: db.prepare('UPDATE service_states SET valid_to = ? WHERE id = ?'),
    };
    this.markSlice = db.prepare(
      'UPDATE service_keys SET first_slice_at = ? WHERE id = ? AND first_slice_at IS NULL',
    );
    this.markEndpoints = db.prepare(
      'UPDATE service_keys SET first_endpoints_at = ? WHERE id = ? AND first_endpoints_at IS NULL',
    );
    this.checkpoint = db.prepare(
      'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
  }

  apply(ops: readonly RowOp[]): void {
    for (const op of ops) {
      if (op.op === 'mark') {
        (op.source === 'EndpointSlice' ? this.markSlice : this.markEndpoints).run(
          op.at,
          this.ids.service(op.service),
        );
        continue;
      }
      const k = op.attrs;
      if (this.mode === 'bulk') {
        if (op.op === 'open') this.pending.set(k, op);
        else {
          const opened = this.pending.get(k);
          if (!opened) throw new Error(`projection invariant: closing unknown open row ${op.projection}`);
          this.pending.delete(k);
          this.insertRow(opened, op.at, op.position, op.byDelete);
        }
      } else if (op.op === 'open') {
        this.openRowIds.set(k, this.insertRow(op, OPEN_END, null, false));
      } else {
        const id = this.openRowIds.get(k);
        if (id === undefined)
          throw new Error(`projection invariant: closing unknown open row ${op.projection}`);
        this.openRowIds.delete(k);
        if (op.projection === 'endpoint_members') this.close.endpoint_members.run(op.at, op.position, id);
        else if (op.projection === 'pod_states') this.close.pod_states.run(op.at, b(op.byDelete), id);
        else this.close[op.projection].run(op.at, id);
      }
    }
  }

  /** Bulk mode: writes the rows still open. */
  finish(): void {
    for (const op of this.pending.values()) this.insertRow(op, OPEN_END, null, false);
    this.pending.clear();
  }

  setCheckpoint(position: number): void {
    for (const name of PROJECTIONS) this.checkpoint.run(name, position);
  }

  private insertRow(op: OpenOp, validTo: number, toPosition: number | null, byDelete: boolean): number {
    switch (op.projection) {
      case 'endpoint_members': {
        const a = op.attrs;
        return Number(
          this.insert.endpoint_members.run(
            this.ids.service(a.service),
            a.source,
            a.ip,
            a.targetUid,
            a.targetKind,
            a.targetNamespace,
            a.targetName,
            b(a.ready),
            b(a.serving),
            b(a.terminating),
            a.nodeName,
            a.zone,
            a.hostname,
            this.ids.ports(a.ports),
            op.at,
            op.position,
            validTo,
            toPosition,
          ).lastInsertRowid,
        );
      }
      case 'pod_ips': {
        const a = op.attrs;
        return Number(
          this.insert.pod_ips.run(
            this.ids.cluster(a.cluster),
            a.ip,
            a.podUid,
            a.namespace,
            a.name,
            a.nodeName,
            op.at,
            op.position,
            validTo,
          ).lastInsertRowid,
        );
      }
      case 'pod_states': {
        const a = op.attrs;
        return Number(
          this.insert.pod_states.run(
            this.ids.cluster(a.cluster),
            a.uid,
            a.namespace,
            a.name,
            a.phase,
            b(a.ready),
            a.nodeName,
            a.ips,
            a.ownerKind,
            a.ownerName,
            a.createdAt,
            a.deletingAt,
            a.restarts,
            op.at,
            op.position,
            validTo,
            b(byDelete),
          ).lastInsertRowid,
        );
      }
      case 'service_states': {
        const a = op.attrs;
        return Number(
          this.insert.service_states.run(
            this.ids.service(a.service),
            a.uid,
            a.type,
            a.clusterIp,
            a.selector,
            a.ports,
            b(a.publishNotReady),
            op.at,
            op.position,
            validTo,
          ).lastInsertRowid,
        );
      }
    }
  }
}
