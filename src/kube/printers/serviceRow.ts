import { translateTimestampSince } from './humanDuration.js';
import { arr, formatLabels, type Raw, rec, str } from './raw.js';

/** Service columns of `kubectl get services` (printers.go `serviceColumnDefinitions`). */
export const SERVICE_COLUMNS = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'Type', type: 'string', format: '', priority: 0 },
  { name: 'Cluster-IP', type: 'string', format: '', priority: 0 },
  { name: 'External-IP', type: 'string', format: '', priority: 0 },
  { name: 'Port(s)', type: 'string', format: '', priority: 0 },
  { name: 'Age', type: 'string', format: '', priority: 0 },
  { name: 'Selector', type: 'string', format: '', priority: 1 },
] as const;

/** printers.go `loadBalancerStatusStringer` with wide=true: sorted unique ingress IPs (else hostnames). */
function loadBalancerStatus(svc: Raw): string {
  const set = new Set<string>();
  for (const ing of arr(rec(rec(svc.status).loadBalancer).ingress)) {
    if (str(ing.ip)) set.add(str(ing.ip));
    else if (str(ing.hostname)) set.add(str(ing.hostname));
  }
  return [...set].sort().join(',');
}

/** printers.go `getServiceExternalIP` (wide). */
export function serviceExternalIP(svc: Raw): string {
  const spec = rec(svc.spec);
  const externalIPs = Array.isArray(spec.externalIPs) ? (spec.externalIPs as string[]) : [];
  switch (str(spec.type)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** printers.go `makePortString`: `port/proto` or `port:nodePort/proto`, comma-joined. */
export function servicePorts(svc: Raw): string {
  return arr(rec(svc.spec).ports)
    .map((p) => {
      const nodePort = Number(p.nodePort ?? 0);
      return nodePort > 0 ? `${p.port}:${nodePort}/${str(p.protocol)}` : `${p.port}/${str(p.protocol)}`;
    })
    .join(',');
}

/** printers.go `printService` (wide): [name, type, cluster-ip, external-ip, ports, age, selector]. */
export function serviceRow(svc: Raw, now: number): string[] {
  const metadata = rec(svc.metadata);
  const spec = rec(svc.spec);
  const clusterIPs = Array.isArray(spec.clusterIPs) ? (spec.clusterIPs as string[]) : [];
  return [
    str(metadata.name),
    str(spec.type),
    clusterIPs[0] ?? '<none>',
    serviceExternalIP(svc),
    servicePorts(svc) || '<none>',
    translateTimestampSince(metadata.creationTimestamp, now),
    formatLabels(spec.selector),
  ];
}
