import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { evidenceMarkdown } from '../../render/evidenceMarkdown.js';
import { withRfc3339Times } from '../../render/jsonTimes.js';
import type { CliIo } from '../io.js';
import {
  clusterOption,
  dbOption,
  fromOption,
  localOption,
  type QueryFlags,
  rangeFlags,
  toOption,
} from '../options/index.js';
import { withHistory } from '../queries/index.js';
import { UsageError } from '../UsageError.js';

interface ExportFlags extends QueryFlags {
  service: string;
  from: string;
  to: string;
  format: 'md' | 'json';
  out?: string;
}

/**
 * `export --service NS/NAME --from T1 --to T2 --format md|json [--out FILE]`: a postmortem evidence
 * pack (summary, timeline, ready counts, outages, IP map, gaps, raw events with positions).
 */
export function registerExport(program: Command, io: CliIo): Command {
  return program
    .command('export')
    .description('Write a postmortem evidence pack for a service over a time range.')
    .addOption(
      new Option('--service <ns/name>', 'the service, as NAMESPACE/NAME')
        .env('EPH_SERVICE')
        .makeOptionMandatory(),
    )
    .addOption(fromOption('-1h'))
    .addOption(toOption())
    .addOption(
      new Option('--format <format>', 'md or json').env('EPH_FORMAT').choices(['md', 'json']).default('md'),
    )
    .addOption(new Option('--out <file>', 'write to a file instead of stdout').env('EPH_OUT'))
    .addOption(dbOption())
    .addOption(clusterOption())
    .addOption(localOption())
    .action(async (flags: ExportFlags) => {
      const m = /^([^/\s]+)\/([^/\s]+)$/.exec(flags.service);
      if (!m) throw new UsageError(`bad --service "${flags.service}": use NAMESPACE/NAME`);
      const range = rangeFlags(flags.from, flags.to, io.now());
      await withHistory(flags.db, io, async (history) => {
        const pack = await history.evidencePack({
          cluster: flags.cluster ?? null,
          namespace: m[1]!,
          service: m[2]!,
          ...range,
          now: io.now(),
        });
        const text =
          flags.format === 'json'
            ? `${JSON.stringify(withRfc3339Times(pack), null, 2)}\n`
            : evidenceMarkdown(pack, flags.local ?? false);
        if (flags.out === undefined) {
          io.stdout.write(text);
          return;
        }
        writeFileSync(flags.out, text);
        io.stderr.write(
          `wrote ${flags.out}: ${pack.summary.changes} changes, ${pack.events.length} events\n`,
        );
      });
    });
}
