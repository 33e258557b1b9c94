import { type Command, Option } from 'commander';
import { kubectlTable } from '../../kube/index.js';
import { withRfc3339Times } from '../../render/jsonTimes.js';
import { gapsText, notRecorded } from '../../render/provenance.js';
import { humanTime } from '../../render/times.js';
import type { CliIo } from '../io.js';
import {
  clusterOption,
  dbOption,
  localOption,
  outputOption,
  type QueryFlags,
  rangeFlags,
  timeFlag,
} from '../options/index.js';
import { withHistory } from '../queries/index.js';
import { UsageError } from '../UsageError.js';

interface WhoHadIpFlags extends QueryFlags {
  at?: string;
  from?: string;
  to?: string;
  output: 'table' | 'json';
}

/**
 * Whether the question is about a range (--from/--to) rather than a moment (--at). A flag on the
 * command line beats an environment variable (EPH_AT against EPH_FROM/EPH_TO); both kinds on the
 * command line is a usage error; from the environment alone, a range wins.
 */
function isRange(flags: WhoHadIpFlags, command: Command): boolean {
  const onCommandLine = (name: 'at' | 'from' | 'to') =>
    flags[name] !== undefined && command.getOptionValueSource(name) === 'cli';
  const atOnCli = onCommandLine('at');
  if (atOnCli && (onCommandLine('from') || onCommandLine('to')))
    throw new UsageError('--at cannot be combined with --from/--to');
  return !atOnCli && (flags.from !== undefined || flags.to !== undefined);
}

/**
 * `who-had-ip IP --at T` (or `--from/--to`): every pod that held the IP then, with when it held it.
 * Two pods can share an IP (hostNetwork, a Failed pod keeping it): all are listed, oldest first.
 * When pods were not recorded then (a gap of the Pod kind, or before recording began), the answer
 * goes with a note on stderr; with no holder known, it is "not recorded" (exit 3), not "no pod".
 * Without --cluster it searches every recorded cluster, and with several a CLUSTER column leads.
 */
export function registerWhoHadIp(program: Command, io: CliIo): Command {
  return program
    .command('who-had-ip')
    .description('Which pod held an IP address at a moment, or during a range.')
    .argument('<ip>', 'IPv4 or IPv6 address')
    .addOption(new Option('--at <time>', 'point in time (default now)').env('EPH_AT'))
    .addOption(new Option('--from <time>', 'start of a range (instead of --at)').env('EPH_FROM'))
    .addOption(new Option('--to <time>', 'end of the range (default now)').env('EPH_TO'))
    .addOption(outputOption(['table', 'json'], 'table'))
    .addOption(dbOption())
    .addOption(clusterOption('cluster to search (default: every recorded cluster)'))
    .addOption(localOption())
    .action(async (ip: string, flags: WhoHadIpFlags, command: Command) => {
      const now = io.now();
      const ranged = isRange(flags, command);
      const when = ranged
        ? rangeFlags(flags.from ?? '0', flags.to ?? 'now', now)
        : { at: timeFlag(flags.at ?? 'now', now) };
      const local = flags.local ?? false;
      await withHistory(flags.db, io, async (history) => {
        const answer = await history.ipHolders({ cluster: flags.cluster ?? null, ip, ...when });
        const held = answer.intervals;
        // searched over every cluster: each row and each gap says whose it is
        const fleet = !flags.cluster && (await history.clusters()).length > 1;
        const t =
          'at' in when
            ? `at ${humanTime(when.at, local)}`
            : `between ${humanTime(when.from, local)} and ${humanTime(when.to, local)}`;
        if (!answer.complete) {
          if (held.length === 0) {
            if (flags.output === 'json') io.stdout.write('[]\n');
            throw notRecorded(`which pod held ${ip}`, t, answer.gaps, local, fleet);
          }
          io.stderr.write(
            `# ${ip} ${t}: incomplete — recording gap ${gapsText(answer.gaps, local, fleet)}: pods were not recorded then, the holder may have changed unseen\n`,
          );
        }
        if (flags.output === 'json') {
          io.stdout.write(`${JSON.stringify(withRfc3339Times(held), null, 2)}\n`);
          return;
        }
        if (held.length === 0) {
          io.stderr.write(`no pod held ${ip} ${t}\n`);
          return;
        }
        const rows = held.map((h) => [
          h.pod.name,
          h.pod.namespace,
          h.pod.nodeName ?? '<none>',
          humanTime(h.from, flags.local),
          h.to === null ? '<still>' : humanTime(h.to, flags.local),
        ]);
        const header = ['POD', 'NAMESPACE', 'NODE', 'FROM', 'TO'];
        io.stdout.write(
          kubectlTable(
            fleet
              ? [['CLUSTER', ...header], ...rows.map((r, i) => [held[i]!.cluster, ...r])]
              : [header, ...rows],
          ),
        );
      });
    });
}
