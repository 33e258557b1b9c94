import type { IPFamily } from '../../kube/types.js';

export type IpAllocatorOptions = {
  /** First IPv4 address handed out, e.g. `10.244.1.22`. */
  first: string;
  /** Number of addresses in the pool (default 60000); allocation wraps around after the last. */
  size?: number;
  /**
   * For dual-stack pods: an IPv6 prefix ending in `::` (e.g. `fd00:10:244:1::`); the n-th IPv4 of the
   * pool pairs with prefix + hex(offset of `first`'s last octet + n).
   */
  ipv6Prefix?: string;
  /** Which family comes first in podIPs (default IPv4). */
  primary?: IPFamily;
};

function ipv4ToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`IpAllocator: not an IPv4 address: ${ip}`);
  }
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/**
 * Pod IPAM in miniature: hands out addresses sequentially from `first`, skipping those in use and
 * wrapping at the end of the pool, as host-local IPAM does — so a released IP comes back only much
 * later, unless `reuseNext(ip)` asks for it explicitly (the IP-reuse case the recorder must handle).
 */
export class IpAllocator {
  private readonly base: number;
  private readonly size: number;
  private readonly inUse = new Set<number>();
  private readonly forced: number[] = [];
  private cursor = 0;

  constructor(private readonly options: IpAllocatorOptions) {
    this.base = ipv4ToInt(options.first);
    this.size = options.size ?? 60000;
  }

  /** Pod IPs for a new pod, primary family first: `[v4]` or `[v4, v6]` / `[v6, v4]`. */
  allocate(): string[] {
    const offset = this.nextOffset();
    this.inUse.add(offset);
    return this.ipsFor(offset);
  }

  /** The next `allocate()` returns this IPv4 (and its IPv6 pair), even if it was just released. */
  reuseNext(ip: string): void {
    this.forced.push(this.offsetOf(ip));
  }

  /** Marks the pod's IPs free. Accepts any of the IPs `allocate` returned. */
  release(ip: string): void {
    if (ip.includes(':')) return;
    this.inUse.delete(this.offsetOf(ip));
  }

  /** Marks an IP as taken without allocating it (e.g. a pod created with a fixed IP). */
  claim(ip: string): void {
    if (!ip.includes(':')) this.inUse.add(this.offsetOf(ip));
  }

  private offsetOf(ip: string): number {
    const offset = ipv4ToInt(ip) - this.base;
    if (offset < 0 || offset >= this.size) throw new Error(`IpAllocator: ${ip} is outside the pool`);
    return offset;
  }

  private nextOffset(): number {
    const forced = this.forced.shift();
    if (forced !== undefined) return forced;
    for (let i = 0; i < this.size; i++) {
      const offset = (this.cursor + i) % this.size;
      if (!this.inUse.has(offset)) {
        this.cursor = (offset + 1) % this.size;
        return offset;
      }
    }
    throw new Error('IpAllocator: pool exhausted');
  }

  private ipsFor(offset: number): string[] {
    const v4 = intToIpv4(this.base + offset);
    if (!this.options.ipv6Prefix) return [v4];
    const v6 = `${this.options.ipv6Prefix}${((this.base % 256) + offset).toString(16)}`;
    return this.options.primary === 'IPv6' ? [v6, v4] : [v4, v6];
  }
}
