import { type Command, Option } from 'commander';
import { type KubeMoment, kubeServerUrl, parseReplaySpeed } from '../../api/kube/index.js';
import { isEphError } from '../../errors/index.js';
import { kubeconfigDocument } from '../../kube/kubeconfigDocument.js';
import { formatTime } from '../../util/time.js';
import type { CliIo } from '../io.js';
import { atOption, clusterOption, dbOption, timeFlag } from '../options/index.js';
import { withHistory } from '../queries/index.js';
import { readAuthToken } from '../runtime/readAuthToken.js';
import { UsageError } from '../UsageError.js';

interface KubeconfigFlags {
  at: string;
  cluster?: string;
  server: string;
  replaySpeed: string;
  db: string;
  authTokenFile?: string;
}

/** The server's base URL: http or https, a host, maybe a path prefix; no user info, query or fragment. */
function serverBase(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--server ${text} is not a URL: use e.g. http://127.0.0.1:4000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--server ${text}: the scheme must be http or https`);
  if (url.username || url.password || url.search || url.hash)
    throw new UsageError(
      `--server ${text}: give scheme, host, port and path only (the token comes from --auth-token-file)`,
    );
  return url.toString().replace(/\/+$/, '');
}

function replaySpeed(text: string): number {
  try {
    return parseReplaySpeed(text.trim());
  } catch (error) {
    throw isEphError(error) ? new UsageError(`--replay-speed: ${error.message}`) : error;
  }
}

/**
 * `kubeconfig --at T`: a kubeconfig that points the real kubectl at the read-only kube API as of T
 * served by `serve`/`run` at --server: one context per recorded cluster (the first one current), or
 * only --cluster. A relative --at (-2h) is fixed now; `now` stays live. --replay-speed N makes
 * `kubectl get -w` replay the changes after T N times faster. With --auth-token-file the kubeconfig
 * carries the token (for a plain-HTTP server, in the server URL too: kubectl sends tokens only over TLS).
 */
export function registerKubeconfig(program: Command, io: CliIo): Command {
  return program
    .command('kubeconfig')
    .description('Print a kubeconfig that points kubectl at the read-only kube API as of a past moment.')
    .addOption(atOption())
    .addOption(clusterOption())
    .addOption(
      new Option('--server <url>', 'base URL of the serving endpoints-history (serve, run)')
        .env('EPH_SERVER')
        .default('http://127.0.0.1:4000'),
    )
    .addOption(
      new Option('--replay-speed <n>', 'kubectl get -w replays the changes after T n times faster')
        .env('EPH_REPLAY_SPEED')
        .default('1'),
    )
    .addOption(dbOption())
    .addOption(
      new Option('--auth-token-file <file>', 'the token the server requires (its --auth-token-file)').env(
        'EPH_AUTH_TOKEN_FILE',
      ),
    )
    .action(async (flags: KubeconfigFlags) => {
      const base = serverBase(flags.server);
      const speed = replaySpeed(flags.replaySpeed);
      const token = readAuthToken(flags.authTokenFile);
      const moment: KubeMoment =
        flags.at.trim() === 'now' ? { live: true } : { at: timeFlag(flags.at, io.now()) };
      const clusters =
        flags.cluster !== undefined
          ? [flags.cluster]
          : await withHistory(flags.db, io, async (history) => {
              const names = await history.clusters();
              if (names.length === 0) throw new UsageError(`${flags.db} holds no recorded cluster yet`);
              return names;
            });
      const when = 'live' in moment ? 'now' : formatTime(moment.at);
      const contexts = clusters.map((cluster) => ({
        name: `${cluster}@${when}`,
        server: kubeServerUrl(base, cluster, moment, speed),
      }));
      const replay = speed === 1 ? 'original spacing' : `${speed}x faster`;
      const comment = [
        `endpoints-history: the read-only kube API as of ${when === 'now' ? 'now (live)' : when}, served at ${base}`,
        `kubectl --kubeconfig FILE get|describe ... shows the recorded cluster then; get -w replays the changes after it (${replay}).`,
      ].join('\n');
      io.stdout.write(kubeconfigDocument(contexts, { token, comment }));
    });
}
