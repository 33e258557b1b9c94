import type { Command } from 'commander';
import { type EndpointAddressOut, stateText, transitionText } from '../../query/index.js';
import { targetText } from '../../render/changeText.js';
import { provenanceLine, SOURCE_LABEL } from '../../render/provenance.js';
import { humanTime } from '../../render/times.js';
import { alignRows } from '../format/alignRows.js';
import type { CliIo } from '../io.js';
import {
  clusterOption,
  dbOption,
  localOption,
  namespaceOption,
  type QueryFlags,
  rangeFlags,
} from '../options/index.js';
import { withHistory } from '../queries/index.js';
import { UsageError } from '../UsageError.js';

interface DiffFlags extends QueryFlags {
  namespace: string;
}

/**
 * `diff endpoints NAME T1 T2`: what differs between the endpoint sets at T1 and at T2, like a diff:
 * `+` present only at T2, `-` only at T1, `~` present at both with other conditions or node.
 */
export function registerDiff(program: Command, io: CliIo): Command {
  return program
    .command('diff')
    .description("Compare a service's endpoints at two moments.")
    .argument('<resource>', 'endpoints (ep)')
    .argument('<name>', 'service name')
    .argument('<t1>', 'first moment (RFC 3339, epoch ms, now, -2h)')
    .argument('<t2>', 'second moment')
    .addOption(namespaceOption())
    .addOption(dbOption())
    .addOption(clusterOption())
    .addOption(localOption())
    .action(async (resource: string, name: string, t1: string, t2: string, flags: DiffFlags) => {
      if (!['endpoints', 'endpoint', 'ep'].includes(resource.toLowerCase())) {
        throw new UsageError(`unknown resource "${resource}": diff supports endpoints (ep)`);
      }
      const range = rangeFlags(t1, t2, io.now(), ['t1', 't2']);
      const local = flags.local ?? false;
      await withHistory(flags.db, io, async (history) => {
        const q = { cluster: flags.cluster ?? null, namespace: flags.namespace, service: name };
        const d = await history.endpointsDiff({ ...q, ...range });
        for (const at of [range.from, range.to]) {
          const line = provenanceLine(await history.endpointsAt({ ...q, at }), local);
          if (line) io.stderr.write(line);
        }
        const who = (a: { targetRef: EndpointAddressOut['targetRef'] }) =>
          targetText(a.targetRef, flags.namespace);
        const rows = [
          ...d.removed.map((a) => ['-', a.ip, who(a), stateText(a)]),
          ...d.added.map((a) => ['+', a.ip, who(a), stateText(a)]),
          ...d.changed.map((c) => ['~', c.ip, who(c), transitionText(c.before, c.after)]),
        ];
        io.stdout.write(`--- ${flags.namespace}/${name} at ${humanTime(range.from, local)}\n`);
        io.stdout.write(
          `+++ ${flags.namespace}/${name} at ${humanTime(range.to, local)} (source ${SOURCE_LABEL[d.source]})\n`,
        );
        io.stdout.write(rows.length > 0 ? alignRows(rows, 1) : '(no difference)\n');
      });
    });
}
