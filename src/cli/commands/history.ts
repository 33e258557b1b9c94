import type { Command } from 'commander';
import { withRfc3339Times } from '../../render/jsonTimes.js';
import { timelineText } from '../format/timelineText.js';
import type { CliIo } from '../io.js';
import {
  clusterOption,
  dbOption,
  fromOption,
  localOption,
  namespaceOption,
  outputOption,
  type QueryFlags,
  rangeFlags,
  toOption,
} from '../options/index.js';
import { withHistory } from '../queries/index.js';
import { UsageError } from '../UsageError.js';

interface HistoryFlags extends QueryFlags {
  namespace: string;
  from: string;
  to: string;
  output: 'text' | 'json';
}

/** `history service NAME --from T1 --to T2`: the membership timeline with ready counts, outages and gaps. */
export function registerHistory(program: Command, io: CliIo): Command {
  return program
    .command('history')
    .description(
      "Print the timeline of a service's endpoints: who joined, left or changed, ready counts, outages, gaps.",
    )
    .argument('<resource>', 'service (svc)')
    .argument('<name>', 'service name')
    .addOption(namespaceOption())
    .addOption(fromOption('-1h'))
    .addOption(toOption())
    .addOption(outputOption(['text', 'json'], 'text'))
    .addOption(dbOption())
    .addOption(clusterOption())
    .addOption(localOption())
    .action(async (resource: string, name: string, flags: HistoryFlags) => {
      if (!['service', 'services', 'svc'].includes(resource.toLowerCase())) {
        throw new UsageError(`unknown resource "${resource}": history supports service (svc)`);
      }
      const range = rangeFlags(flags.from, flags.to, io.now());
      await withHistory(flags.db, io, async (history) => {
        const t = await history.serviceTimeline({
          cluster: flags.cluster ?? null,
          namespace: flags.namespace,
          service: name,
          ...range,
        });
        if (flags.output === 'json') io.stdout.write(`${JSON.stringify(withRfc3339Times(t), null, 2)}\n`);
        else io.stdout.write(timelineText(t, flags.local ?? false));
      });
    });
}
