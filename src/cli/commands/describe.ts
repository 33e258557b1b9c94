import type { Command } from 'commander';
import { describeEndpoints } from '../../kube/index.js';
import { type EndpointSourceChoice, endpointsViews } from '../../query/index.js';
import { notRecorded, provenanceLine } from '../../render/provenance.js';
import { humanTime } from '../../render/times.js';
import type { CliIo } from '../io.js';
import {
  atOption,
  clusterOption,
  dbOption,
  localOption,
  namespaceOption,
  type QueryFlags,
  sourceOption,
  timeFlag,
} from '../options/index.js';
import { withHistory } from '../queries/index.js';
import { UsageError } from '../UsageError.js';

interface DescribeFlags extends QueryFlags {
  namespace: string;
  at: string;
  source: EndpointSourceChoice;
}

/** `describe endpoints NAME`: `kubectl describe endpoints` as it would have printed at `--at`. */
export function registerDescribe(program: Command, io: CliIo): Command {
  return program
    .command('describe')
    .description(
      "Describe a service's endpoints as `kubectl describe endpoints` printed them at a past moment.",
    )
    .argument('<resource>', 'endpoints (ep)')
    .argument('<name>', 'service name')
    .addOption(namespaceOption())
    .addOption(atOption())
    .addOption(sourceOption('EndpointSlices, v1 Endpoints, or auto (slices when recorded)'))
    .addOption(dbOption())
    .addOption(clusterOption())
    .addOption(localOption())
    .action(async (resource: string, name: string, flags: DescribeFlags) => {
      if (!['endpoints', 'endpoint', 'ep'].includes(resource.toLowerCase())) {
        throw new UsageError(`unknown resource "${resource}": describe supports endpoints (ep)`);
      }
      const at = timeFlag(flags.at, io.now());
      await withHistory(flags.db, io, async (history) => {
        const local = flags.local ?? false;
        const { views, unknown } = await endpointsViews(history, {
          cluster: flags.cluster ?? null,
          namespace: flags.namespace,
          name,
          at,
          source: flags.source,
        });
        const [view] = views;
        if (!view) {
          const what = `endpoints "${name}" in namespace ${flags.namespace}`;
          throw notRecorded(what, `at ${humanTime(at, local)}`, unknown[0]?.gaps ?? [], local);
        }
        const line = provenanceLine(view.set, local);
        if (line) io.stderr.write(line);
        io.stdout.write(describeEndpoints(view.object));
      });
    });
}
