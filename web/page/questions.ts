import { iso } from './format.js';

/** The moment's question, as the other tools ask it. */
export interface Question {
  cluster: string | null;
  namespace: string;
  name: string;
  at: number;
}

const q = (s: string): string => JSON.stringify(s);
const shell = (s: string): string =>
  /^[A-Za-z0-9._:/@+-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;

/** The same question on the command line (`describe` prints the set as kubectl describe does). */
export function cliCommand(x: Question): string {
  const cluster = x.cluster ? ` --cluster ${shell(x.cluster)}` : '';
  return `endpoints-history describe endpoints ${shell(x.name)} -n ${shell(x.namespace)} --at ${iso(x.at)}${cluster}`;
}

/** The same question in GraphQL, with literal arguments so that it pastes into GraphiQL as it is. */
export function graphqlQuery(x: Question): string {
  const cluster = x.cluster ? `cluster: ${q(x.cluster)}, ` : '';
  return `{ endpoints(${cluster}namespace: ${q(x.namespace)}, service: ${q(x.name)}, at: ${q(iso(x.at))}) {
    source complete gaps { kind from to reason } lastChangeAt
    addresses { ip nodeName since pod { name phase ready } }
    notReadyAddresses { ip serving terminating targetRef { name } }
    ports { name port protocol } } }`;
}

/** The server as `endpoints-history kubeconfig --server` wants it: where this page is served from. */
function pageServer(): string | null {
  if (typeof location === 'undefined') return null;
  return new URL('.', location.href).href.replace(/\/$/, '');
}

/**
 * The same question for the real kubectl, through the read-only kube API as of T that this server
 * serves: a kubeconfig for the moment, then `kubectl get endpoints`. `--server` names this page's
 * server unless it is the default (http://127.0.0.1:4000); `tokenRequired` adds the token file the
 * kubeconfig must carry (TOKEN_FILE: the user's own).
 */
export function kubectlCommand(
  x: Question,
  options: { server?: string | null; tokenRequired?: boolean } = {},
): string {
  const server = options.server === undefined ? pageServer() : options.server;
  const flags = [
    `--at ${iso(x.at)}`,
    x.cluster ? `--cluster ${shell(x.cluster)}` : null,
    server && server !== 'http://127.0.0.1:4000' ? `--server ${shell(server)}` : null,
    options.tokenRequired ? '--auth-token-file TOKEN_FILE' : null,
  ].filter((f) => f !== null);
  return `endpoints-history kubeconfig ${flags.join(' ')} > at.yaml && kubectl --kubeconfig at.yaml get endpoints ${shell(x.name)} -n ${shell(x.namespace)}`;
}
