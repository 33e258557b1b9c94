import type { CoverageIntervalOut, EndpointSetOut, EndpointSource } from '../../query/index.js';
import { humanTime } from './times.js';

export const SOURCE_LABEL: Record<EndpointSource, string> = {
  ENDPOINT_SLICES: 'EndpointSlices',
  ENDPOINTS: 'v1 Endpoints',
  NONE: 'none',
};

/** `02:25:00Z–02:27:00Z (stream-broken)`; open ends read "recording started" / "now". */
export function gapText(g: CoverageIntervalOut, local: boolean): string {
  const from = g.from === null ? 'beginning' : humanTime(g.from, local);
  const to = g.to === null ? 'now' : humanTime(g.to, local);
  return `${g.kind} ${from}–${to}${g.reason ? ` (${g.reason})` : ''}`;
}

/**
 * One line saying where an answer at T came from and why it may be partial, for stderr; null when
 * the answer is complete (stdout stays byte-identical to kubectl's).
 */
export function provenanceLine(set: EndpointSetOut, local: boolean): string | null {
  if (set.complete) return null;
  const gaps = set.gaps.map((g) => gapText(g, local)).join('; ');
  return `# ${set.namespace}/${set.service} at ${humanTime(set.at, local)}: source ${SOURCE_LABEL[set.source]}, incomplete — recording gap ${gaps || 'unknown'}: changes may be missing\n`;
}
