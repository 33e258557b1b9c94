import { toObservation } from '../../src/model/index.js';
import type { EventType, Kind, Observation } from '../../src/model/types.js';
import { pick, randomInt, mulberry32 as seeded } from '../../src/sim/objects/random.js';
import { rfc3339 } from '../../src/sim/objects/time.js';
import { endpointsJson, type PodModel, podJson, serviceJson, sliceJson } from './objects.js';

interface ServiceModel {
  namespace: string;
  name: string;
  uid: string;
  sliceUid: string;
  endpointsUid: string;
  labelGen: number;
  pods: PodModel[];
}

export interface ChurnOptions {
  seed?: number;
  services?: number;
  namespaces?: number;
  cluster?: string;
  start?: number;
  /** Milliseconds of cluster time between two observations. */
  tickMs?: number;
}

/**
 * A deterministic synthetic cluster history: services of realistic sizes (mostly 2–5 pods, some
 * dozens, a few over a hundred) with readiness flaps, container restarts, rolling replacements (IP
 * reuse included), service edits and no-op updates, each producing the Pod, EndpointSlice and
 * Endpoints events a real control plane would. Objects go through the real slimming (toObservation).
 */
export class ChurnGenerator {
  readonly services: ServiceModel[] = [];
  now: number;
  private rv = 1000;
  private seq = 0;
  private ipCounter = 0;
  private readonly freeIps: string[] = [];
  private readonly rand: () => number;
  private readonly cluster: string;
  private readonly tick: number;
  private readonly createdAt: string;
  private initialized = false;

  constructor(private readonly options: ChurnOptions = {}) {
    this.rand = seeded(options.seed ?? 42);
    this.cluster = options.cluster ?? 'bench';
    this.now = options.start ?? Date.parse('2026-01-01T00:00:00Z');
    this.tick = options.tickMs ?? 10;
    this.createdAt = new Date(this.now).toISOString().replace('.000Z', 'Z');
  }

  /** The next observations: at least `n` (whole actions are never cut). */
  next(n: number): Observation[] {
    const out: Observation[] = [];
    if (!this.initialized) {
      this.initialized = true;
      this.init(out);
    }
    while (out.length < n) this.step(out);
    return out;
  }

  private size(): number {
    const r = this.rand();
    if (r < 0.7) return randomInt(this.rand, 2, 5);
    if (r < 0.95) return randomInt(this.rand, 6, 20);
    return randomInt(this.rand, 50, 149);
  }

  private ip(): string {
    if (this.freeIps.length > 0 && this.rand() < 0.5)
      return this.freeIps.splice(Math.floor(this.rand() * this.freeIps.length), 1)[0]!;
    const n = this.ipCounter++;
    return `10.${64 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`;
  }

  private newPod(svc: ServiceModel, running: boolean): PodModel {
    const id = (this.seq++).toString(36).padStart(5, '0').slice(-5);
    return {
      uid: `pod-${this.seq}-${id}`,
      name: `${svc.name}-7d9f8c6b5-${id}`,
      namespace: svc.namespace,
      service: svc.name,
      ip: this.ip(),
      node: `node-${Math.floor(this.rand() * 50)}`,
      ready: running,
      phase: running ? 'Running' : 'Pending',
      restarts: 0,
      deleting: null,
      createdAt: rfc3339(this.now),
      readySince: rfc3339(this.now),
    };
  }

  private emit(out: Observation[], kind: Kind, type: EventType, raw: Record<string, unknown>): void {
    this.now += this.tick;
    const r = toObservation({
      cluster: this.cluster,
      kind,
      type,
      source: 'watch',
      raw,
      observedAt: this.now,
    });
    if (!r.ok) throw new Error(`churn generator produced a rejected object: ${r.reason} ${r.detail}`);
    out.push(r.observation);
  }

  private pod(out: Observation[], p: PodModel, type: EventType = 'MODIFIED'): void {
    this.emit(out, 'Pod', type, podJson(p, ++this.rv));
  }

  private endpoints(out: Observation[], s: ServiceModel, type: EventType = 'MODIFIED'): void {
    this.emit(
      out,
      'EndpointSlice',
      type,
      sliceJson(s.namespace, s.name, s.sliceUid, ++this.rv, s.pods, this.createdAt),
    );
    this.emit(
      out,
      'Endpoints',
      type,
      endpointsJson(s.namespace, s.name, s.endpointsUid, ++this.rv, s.pods, this.createdAt),
    );
  }

  private init(out: Observation[]): void {
    const count = this.options.services ?? 500;
    const namespaces = this.options.namespaces ?? 20;
    for (let i = 0; i < count; i++) {
      const s: ServiceModel = {
        namespace: `team-${i % namespaces}`,
        name: `svc-${i}`,
        uid: `svc-uid-${i}`,
        sliceUid: `slice-uid-${i}`,
        endpointsUid: `ep-uid-${i}`,
        labelGen: 0,
        pods: [],
      };
      this.services.push(s);
      this.emit(out, 'Service', 'ADDED', serviceJson(s.namespace, s.name, s.uid, ++this.rv, this.createdAt));
      const n = this.size();
      for (let k = 0; k < n; k++) {
        const p = this.newPod(s, true);
        s.pods.push(p);
        this.pod(out, p, 'ADDED');
      }
      this.endpoints(out, s, 'ADDED');
    }
  }

  private step(out: Observation[]): void {
    const s = pick(this.rand, this.services);
    const r = this.rand();
    if (r < 0.4) {
      const p = pick(
        this.rand,
        s.pods.filter((x) => !x.deleting && x.phase === 'Running'),
      );
      p.ready = !p.ready;
      p.readySince = rfc3339(this.now);
      this.pod(out, p);
      this.endpoints(out, s);
    } else if (r < 0.6) {
      const p = pick(this.rand, s.pods);
      p.restarts++;
      this.pod(out, p);
    } else if (r < 0.9) {
      this.replace(out, s);
    } else if (r < 0.95) {
      s.labelGen++;
      const raw = serviceJson(s.namespace, s.name, s.uid, ++this.rv, this.createdAt);
      (raw.metadata as { labels: Record<string, string> }).labels.generation = String(s.labelGen);
      this.emit(out, 'Service', 'MODIFIED', raw);
    } else {
      // a MODIFIED that changes nothing we keep (only the RV): counted, not stored
      this.pod(out, pick(this.rand, s.pods));
    }
  }

  private replace(out: Observation[], s: ServiceModel): void {
    const fresh = this.newPod(s, false);
    s.pods.push(fresh);
    this.pod(out, fresh, 'ADDED');
    fresh.phase = 'Running';
    this.pod(out, fresh);
    this.endpoints(out, s);
    fresh.ready = true;
    fresh.readySince = rfc3339(this.now);
    this.pod(out, fresh);
    this.endpoints(out, s);
    const old = pick(
      this.rand,
      s.pods.filter((x) => x !== fresh && !x.deleting),
    );
    old.deleting = rfc3339(this.now + 30_000);
    old.ready = false;
    old.readySince = rfc3339(this.now);
    this.pod(out, old);
    this.endpoints(out, s);
    s.pods.splice(s.pods.indexOf(old), 1);
    this.pod(out, old, 'DELETED');
    this.freeIps.push(old.ip);
    this.endpoints(out, s);
  }
}
