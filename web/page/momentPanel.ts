import { getJson, gql } from './api.js';
import { storedToken } from './auth.js';
import { copyText } from './copyText.js';
import { fill, h } from './dom.js';
import { label, span } from './format.js';
import { cliCommand, graphqlQuery, kubectlCommand, type Question } from './questions.js';

interface Address {
  ip: string;
  nodeName: string | null;
  zone: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  since: string;
  targetRef: { name: string } | null;
}

/** The endpoint set at one moment, as GraphQL answers it. */
export interface EndpointSet {
  at: string;
  source: string;
  complete: boolean;
  gaps: { kind: string; from: string | null; to: string | null; reason: string | null }[];
  addresses: Address[];
  notReadyAddresses: Address[];
  ports: { name: string | null; port: number; protocol: string }[];
}

const ADDRESS = 'ip nodeName zone ready serving terminating since targetRef { name }';
export const MOMENT_QUERY = `query Moment($cluster: String, $namespace: String!, $name: String!, $at: DateTime!) {
  endpoints(cluster: $cluster, namespace: $namespace, service: $name, at: $at) {
    at source complete gaps { kind from to reason }
    addresses { ${ADDRESS} } notReadyAddresses { ${ADDRESS} } ports { name port protocol } } }`;

/**
 * The selected moment: the endpoint set as kubectl prints it (`get` and `describe`, from the CLI's
 * own printers), the same set as a table (the chart's text alternative), whether the moment was
 * recorded, and the same question to copy as a CLI command, a GraphQL query and (once served) kubectl.
 */
export async function renderMoment(panel: HTMLElement, x: Question, current: () => boolean): Promise<void> {
  fill(panel, h('p', { role: 'status' }, `Loading the endpoints at ${label(x.at)}…`));
  const [data, text] = await Promise.all([
    gql<{ endpoints: EndpointSet }>(MOMENT_QUERY, { ...x }),
    getJson<{ get: string; describe: string }>('api/ui/v1/kubectl', {
      cluster: x.cluster,
      namespace: x.namespace,
      service: x.name,
      at: x.at,
    }),
  ]);
  if (!current()) return; // the view moved on while this was loading
  const set = data.endpoints;
  const all = [...set.addresses, ...set.notReadyAddresses];
  fill(
    panel,
    h('h2', { id: 'moment-title' }, `${x.namespace}/${x.name} at ${label(x.at)}`),
    provenance(set),
    h(
      'p',
      {},
      `${set.addresses.length} ready, ${set.notReadyAddresses.length} not ready (source: ${set.source}).`,
    ),
    copyRow(x),
    h('h3', {}, 'As kubectl prints it'),
    h('pre', { class: 'kubectl', 'aria-label': 'kubectl get endpoints' }, text.get),
    h('pre', { class: 'kubectl', 'aria-label': 'kubectl describe endpoints' }, text.describe),
    h('h3', {}, 'Endpoints at this moment'),
    addressTable(all, Date.parse(set.at)),
  );
}

function provenance(set: EndpointSet): HTMLElement {
  if (set.complete) return h('p', { class: 'ok' }, 'Recorded: the recorder had a consistent view then.');
  const gaps = set.gaps.map(
    (g) => `${g.kind}: ${g.reason ?? 'not recorded'} from ${g.from ?? 'the beginning'} to ${g.to ?? 'now'}`,
  );
  return h(
    'p',
    { class: 'warn', role: 'note' },
    `Not recorded then — this set may be missing changes (${gaps.join('; ') || 'a recording gap'}).`,
  );
}

function addressTable(all: Address[], at: number): HTMLElement {
  if (all.length === 0) return h('p', {}, 'No endpoints at this moment.');
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  return h(
    'table',
    { class: 'addresses', 'aria-labelledby': 'moment-title' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['IP', 'pod', 'node', 'zone', 'ready', 'serving', 'terminating', 'since'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...all.map((a) =>
        h(
          'tr',
          {},
          h('td', {}, a.ip),
          h('td', {}, a.targetRef?.name ?? '—'),
          h('td', {}, a.nodeName ?? '—'),
          h('td', {}, a.zone ?? '—'),
          h('td', {}, yes(a.ready)),
          h('td', {}, yes(a.serving)),
          h('td', {}, yes(a.terminating)),
          h('td', {}, `${label(Date.parse(a.since))} (${span(at - Date.parse(a.since))} before)`),
        ),
      ),
    ),
  );
}

function copyRow(x: Question): HTMLElement {
  const kubectl = kubectlCommand(x, { tokenRequired: storedToken() !== null });
  return h(
    'div',
    { class: 'copy-row' },
    copyButton('Copy CLI command', cliCommand(x)),
    copyButton('Copy GraphQL query', graphqlQuery(x)),
    copyButton('Copy kubectl command', kubectl),
    h('code', { class: 'cli' }, cliCommand(x)),
  );
}

function copyButton(text: string, value: string): HTMLButtonElement {
  const button = h('button', { type: 'button', 'data-copy': value }, text);
  button.addEventListener('click', async () => {
    const ok = await copyText(value);
    button.textContent = ok ? 'Copied' : 'Copy failed: select the text';
    setTimeout(() => {
      button.textContent = text;
    }, 1500);
  });
  return button;
}
