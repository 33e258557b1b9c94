import { KUBECTL_DESCRIBE, tabwrite } from '../printers/tabwrite.js';
import type { V1Endpoints } from '../v1Endpoints.js';

const sortedKeys = (m: Record<string, string> | undefined): string[] => Object.keys(m ?? {}).sort();

/** describe.go printLabelsMultiline / printAnnotationsMultiline: `<none>`, else one entry per line. */
function multiline(title: string, m: Record<string, string> | undefined, sep: string): string {
  const keys = sortedKeys(m);
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ''}\t${k}${sep}${m![k]}\n`).join('');
}

/**
 * `kubectl describe endpoints` (describe.go describeEndpoints), byte for byte: Name, Namespace,
 * Labels, Annotations, then per subset its Addresses, NotReadyAddresses and a Ports table, then
 * `Events: <none>` (events are not recorded). Aligned with tabbedString's tabwriter (0, 8, 2, ' ').
 */
export function describeEndpoints(ep: V1Endpoints): string {
  let text = `Name:\t${ep.metadata.name}\nNamespace:\t${ep.metadata.namespace}\n`;
  text += multiline('Labels', ep.metadata.labels, '=');
  text += multiline('Annotations', ep.metadata.annotations, ': ');
  text += 'Subsets:\n';
  for (const subset of ep.subsets ?? []) {
    const addresses = (subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>';
    const notReady = (subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>';
    text += `  Addresses:\t${addresses}\n  NotReadyAddresses:\t${notReady}\n`;
    const ports = subset.ports ?? [];
    if (ports.length > 0) {
      text += '  Ports:\n    Name\tPort\tProtocol\n    ----\t----\t--------\n';
      for (const p of ports) text += `    ${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`;
    }
    text += '\n';
  }
  text += 'Events:\t<none>\n';
  return tabwrite(text, KUBECTL_DESCRIBE);
}
