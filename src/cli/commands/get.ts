import { type Command, Option } from 'commander';
import { ephError } from '../../errors/index.js';
import { endpointsTable, matchesLabels, parseLabelSelector } from '../../kube/index.js';
import { v1Pod } from '../../model/index.js';
import type { History } from '../../query/index.js';
import { type EndpointSourceChoice, endpointsViews } from '../../query/index.js';
import { gapsText, listProvenanceLine, notRecorded, provenanceLine } from '../../render/provenance.js';
import { humanTime } from '../../render/times.js';
import { podsTable } from '../format/podsTable.js';
import { asList, printObject } from '../format/printObject.js';
import type { CliIo } from '../io.js';
import {
  atOption,
  clusterOption,
  dbOption,
  localOption,
  namespaceOption,
  OUTPUT_FORMATS,
  type OutputFormat,
  outputOption,
  type QueryFlags,
  sourceOption,
  timeFlag,
} from '../options/index.js';
import { withHistory } from '../queries/index.js';
import { UsageError } from '../UsageError.js';

interface GetFlags extends QueryFlags {
  namespace: string;
  allNamespaces?: boolean;
  at: string;
  output: OutputFormat;
  selector?: string;
  source: EndpointSourceChoice;
}

const RESOURCES: Record<string, 'endpoints' | 'pods'> = {
  endpoints: 'endpoints',
  endpoint: 'endpoints',
  ep: 'endpoints',
  pods: 'pods',
  pod: 'pods',
  po: 'pods',
};

/**
 * `get endpoints|pods [NAME]`: what `kubectl get` printed at a past moment, table for table. Stdout is
 * kubectl's; provenance (an incomplete answer's gaps) goes to stderr.
 */
export function registerGet(program: Command, io: CliIo): Command {
  return program
    .command('get')
    .description('Print endpoints or pods as `kubectl get` printed them at a past moment.')
    .argument('<resource>', 'endpoints (ep) or pods (po)')
    .argument('[name]', 'one object by name (default: all in the namespace)')
    .addOption(namespaceOption())
    .addOption(
      new Option('-A, --all-namespaces', 'list across all namespaces (adds a NAMESPACE column)').env(
        'EPH_ALL_NAMESPACES',
      ),
    )
    .addOption(atOption())
    .addOption(outputOption(OUTPUT_FORMATS, 'table'))
    .addOption(
      new Option('-l, --selector <selector>', 'pod label selector, e.g. run=hello (pods only)').env(
        'EPH_SELECTOR',
      ),
    )
    .addOption(sourceOption('endpoints: EndpointSlices, v1 Endpoints, or auto (slices when recorded)'))
    .addOption(dbOption())
    .addOption(clusterOption())
    .addOption(localOption())
    .action(async (resource: string, name: string | undefined, flags: GetFlags) => {
      const kind = RESOURCES[resource.toLowerCase()];
      if (!kind) throw new UsageError(`unknown resource "${resource}": use endpoints (ep) or pods (po)`);
      const at = timeFlag(flags.at, io.now());
      await withHistory(flags.db, io, (history) =>
        kind === 'endpoints'
          ? getEndpoints(history, io, flags, name ?? null, at)
          : getPods(history, io, flags, name ?? null, at),
      );
    });
}

function noResources(io: CliIo, flags: GetFlags): void {
  io.stderr.write(
    flags.allNamespaces ? 'No resources found\n' : `No resources found in ${flags.namespace} namespace.\n`,
  );
}

/** What a list or an object is "of", in a not-recorded message. */
const scope = (flags: GetFlags, resource: string, name: string | null): string =>
  name !== null
    ? `${resource} "${name}" in namespace ${flags.namespace}`
    : flags.allNamespaces
      ? `${resource} in all namespaces`
      : `${resource} in namespace ${flags.namespace}`;

/**
 * The endpoints at T, with ONE note on stderr when the answer is incomplete. Nothing known at all
 * (every service in question unknown) is "not recorded" (exit 3), never "No resources found".
 */
async function getEndpoints(
  history: History,
  io: CliIo,
  flags: GetFlags,
  name: string | null,
  at: number,
): Promise<void> {
  if (name !== null && flags.allNamespaces)
    throw new UsageError('a resource cannot be retrieved by name across all namespaces');
  const local = flags.local ?? false;
  const { views, unknown } = await endpointsViews(history, {
    cluster: flags.cluster ?? null,
    namespace: flags.allNamespaces ? null : flags.namespace,
    name,
    at,
    source: flags.source,
  });
  if (views.length === 0 && unknown.length > 0)
    throw notRecorded(
      scope(flags, 'endpoints', name),
      `at ${humanTime(at, local)}`,
      unknown.flatMap((u) => u.gaps),
      local,
    );
  const sets = [...views.map((v) => v.set), ...unknown];
  const line = name !== null ? provenanceLine(sets[0]!, local) : listProvenanceLine(sets, at, local);
  if (line) io.stderr.write(line);
  if (views.length === 0) {
    noResources(io, flags);
    return;
  }
  if (flags.output === 'json' || flags.output === 'yaml') {
    const objects = views.map((v) => v.object);
    printObject(io.stdout, name !== null ? objects[0] : asList(objects), flags.output);
    return;
  }
  io.stdout.write(
    endpointsTable(
      views.map((v) => v.object),
      at,
      flags.allNamespaces ?? false,
    ),
  );
}

async function getPods(
  history: History,
  io: CliIo,
  flags: GetFlags,
  name: string | null,
  at: number,
): Promise<void> {
  const parsed = parseLabelSelector(flags.selector ?? '');
  if (!parsed.ok) throw new UsageError(`bad label selector "${flags.selector}": ${parsed.error}`);
  const cluster = flags.cluster ?? null;
  const pods = (
    await history.podsAt({ cluster, namespace: flags.allNamespaces ? null : flags.namespace, at })
  )
    .map((p) => p.object)
    .filter((p) => (name === null || p.meta.name === name) && matchesLabels(parsed.value, p.meta.labels));
  const local = flags.local ?? false;
  const known = await history.coverageAt({ cluster, kinds: ['Pod'], at });
  if (!known.complete) {
    if (pods.length === 0)
      throw notRecorded(scope(flags, 'pods', name), `at ${humanTime(at, local)}`, known.gaps, local);
    io.stderr.write(
      `# pods at ${humanTime(at, local)}: incomplete — recording gap ${gapsText(known.gaps, local)}: pods may be missing or out of date\n`,
    );
  }
  if (pods.length === 0 && name !== null) {
    throw ephError(
      'EPH_ERR_UNKNOWN_POD',
      `pods "${name}" not found in namespace ${flags.namespace} at ${humanTime(at, flags.local)}`,
      {
        namespace: flags.namespace,
        name,
      },
    );
  }
  if (pods.length === 0) {
    noResources(io, flags);
    return;
  }
  if (flags.output === 'json' || flags.output === 'yaml') {
    const objects = pods.map(v1Pod);
    printObject(io.stdout, name !== null ? objects[0] : asList(objects), flags.output);
    return;
  }
  io.stdout.write(
    podsTable(pods, at, { wide: flags.output === 'wide', allNamespaces: flags.allNamespaces ?? false }),
  );
}
