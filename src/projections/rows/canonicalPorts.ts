interface PortLike {
  name: string | null;
  port: number | null;
  protocol: string;
  appProtocol: string | null;
}

/** Canonical JSON of a port list: sorted by name, port, protocol; duplicates removed. */
export function canonicalPorts(ports: readonly PortLike[]): string {
  const rows = ports
    .filter((p) => p.port !== null)
    .map((p) => ({
      name: p.name ?? null,
      port: p.port as number,
      protocol: p.protocol,
      appProtocol: p.appProtocol ?? null,
    }));
  rows.sort(
    (a, b) =>
      (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port || a.protocol.localeCompare(b.protocol),
  );
  const seen = new Set<string>();
  return JSON.stringify(
    rows.filter((r) => {
      const k = JSON.stringify(r);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    }),
  );
}

/** Union of two canonical port lists. */
export function mergePorts(a: string, b: string): string {
  return canonicalPorts([...(JSON.parse(a) as PortLike[]), ...(JSON.parse(b) as PortLike[])]);
}
