import { ephError } from '../errors/index.js';
import type { CoverageIntervalOut, EndpointSetOut, EndpointSource } from '../query/index.js';
import { humanTime } from './times.js';

export const SOURCE_LABEL: Record<EndpointSource, string> = {
  ENDPOINT_SLICES: 'EndpointSlices',
  ENDPOINTS: 'v1 Endpoints',
  NONE: 'none',
};

/**
 * `Pod 02:25:00Z–02:27:00Z (stream-broken)`; open ends read "beginning" / "now". `withCluster`
 * names the cluster first (`prod-us Pod …`), for gaps of several clusters.
 */
export function gapText(g: CoverageIntervalOut, local: boolean, withCluster = false): string {
  const from = g.from === null ? 'beginning' : humanTime(g.from, local);
  const to = g.to === null ? 'now' : humanTime(g.to, local);
  return `${withCluster ? `${g.cluster} ` : ''}${g.kind} ${from}–${to}${g.reason ? ` (${g.reason})` : ''}`;
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

/**
 * Several answers' gaps as one text, each gap once, by time then kind; each named with its cluster
 * when they come from several, or when `withCluster` says the answer searched several clusters.
 */
export function gapsText(gaps: readonly CoverageIntervalOut[], local: boolean, withCluster = false): string {
  const unique = new Map<string, CoverageIntervalOut>();
  for (const g of gaps) unique.set(`${g.cluster}\u0000${g.kind}\u0000${g.from}\u0000${g.to}`, g);
  const sorted = [...unique.values()].sort(
    (a, b) => (a.from ?? -Infinity) - (b.from ?? -Infinity) || (a.kind < b.kind ? -1 : 1),
  );
  const several = withCluster || new Set(sorted.map((g) => g.cluster)).size > 1;
  return sorted.map((g) => gapText(g, local, several)).join('; ') || 'unknown';
}

/** `a, b, c and 147 more`: a few names, then a count, so a note stays one readable line. */
function someNames(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/**
 * ONE line for a list of answers at T (`get endpoints` over a namespace or `-A`), however many of them
 * are incomplete; null when all are complete.
 */
export function listProvenanceLine(
  sets: readonly EndpointSetOut[],
  at: number,
  local: boolean,
): string | null {
  const partial = sets.filter((s) => !s.complete);
  if (partial.length === 0) return null;
  if (sets.length === 1) return provenanceLine(partial[0]!, local);
  const names = partial.map((s) => `${s.namespace}/${s.service}`);
  return `# at ${humanTime(at, local)}: ${partial.length} of ${sets.length} services incomplete (${someNames(names)}) — recording gap ${gapsText(
    partial.flatMap((s) => s.gaps),
    local,
  )}: changes may be missing\n`;
}

/**
 * The error of a question about `what` (`when`: "at T" or "between A and B") that nothing recorded
 * can answer (exit 3 on the CLI): one line, with the gaps that make it unknown.
 */
export function notRecorded(
  what: string,
  when: string,
  gaps: readonly CoverageIntervalOut[],
  local: boolean,
  withCluster = false,
): Error {
  return ephError(
    'EPH_ERR_NOT_RECORDED',
    `not recorded: ${what} ${when} is unknown — recording gap ${gapsText(gaps, local, withCluster)}`,
  );
}
