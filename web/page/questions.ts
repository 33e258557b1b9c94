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

/**
 * The same question for the real kubectl, through the read-only kube API as of T. That API is not
 * served yet (issue 15): until it is, this is null and the page shows the button disabled with a note.
 * Once it lands, return e.g. `endpoints-history kubeconfig --at T > at.yaml && kubectl --kubeconfig
 * at.yaml describe endpoints NAME -n NS` here; nothing else in the page needs to change.
 */
export function kubectlCommand(_x: Question): string | null {
  return null;
}

export const KUBECTL_UNAVAILABLE = 'kubectl at a past moment needs the read-only kube API, not served yet';
