import type { History } from '../../query/index.js';
import type { DemoMarks } from './playDemo.js';

/** A ready-to-paste GraphQL query and the question it answers. */
export interface ExampleQuery {
  question: string;
  query: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const str = (s: string): string => JSON.stringify(s);

const ENDPOINT_FIELDS =
  '{ source complete addresses { ip nodeName pod { name phase } } notReadyAddresses { ip pod { name } } }';

function endpointsExample(namespace: string, service: string, at: number, cluster: string): string {
  return `{ endpoints(${cluster}namespace: ${str(namespace)}, service: ${str(service)}, at: ${str(iso(at))}) ${ENDPOINT_FIELDS} }`;
}

/** `from: "…", to: "…"`; without `to` the range ends whenever the query is asked (the API's default). */
function range(from: number, to: number | null): string {
  return to === null ? `from: ${str(iso(from))}` : `from: ${str(iso(from))}, to: ${str(iso(to))}`;
}

function podsByIpExample(ip: string, from: number, to: number | null, cluster: string): string {
  return `{ podsByIP(${cluster}ip: ${str(ip)}, ${range(from, to)}) { from to pod { namespace name uid nodeName phase } } }`;
}

function readyExample(
  namespace: string,
  service: string,
  from: number,
  to: number | null,
  cluster: string,
): string {
  const r = range(from, to);
  return `{ service(${cluster}namespace: ${str(namespace)}, name: ${str(service)}) { readyCount(${r}) { time ready notReady } outages(${r}) { from to durationMs complete } } }`;
}

/**
 * The demo's three questions, with times taken from when the story really happened: service-hello
 * halfway through its rolling update, who held 10.244.1.23 (an old pod, then the new one it was
 * reused for), and the ready count with outages over the whole story.
 */
export function demoExamples(marks: DemoMarks, to: number): ExampleQuery[] {
  const roll = marks.steps.get('rolling-update') ?? { from: marks.startedAt, to };
  return [
    {
      question: 'Which pods backed service-hello halfway through its rolling update?',
      query: endpointsExample('default', 'service-hello', Math.round((roll.from + roll.to) / 2), ''),
    },
    {
      question: 'Which pods held 10.244.1.23, and when? (the IP was reused by a new pod)',
      query: podsByIpExample('10.244.1.23', marks.startedAt, to, ''),
    },
    {
      question: 'How many endpoints of service-hello were ready over the demo, and did it ever have none?',
      query: readyExample('default', 'service-hello', marks.startedAt, to, ''),
    },
  ];
}

/**
 * Three questions about a recorded real cluster since `from` (the end of the initial list; the ranges
 * stay open so they reach the moment they are asked): the service with the most endpoints at `from`
 * (outside kube-system when possible; the `kubernetes` Service otherwise), the IP of one of them, and
 * its ready count. The cluster is named in the queries when the database holds several.
 */
export async function clusterExamples(
  history: History,
  cluster: string,
  from: number,
): Promise<ExampleQuery[]> {
  const named = (await history.clusters()).length > 1 ? `cluster: ${str(cluster)}, ` : '';
  const services = await history.servicesAt({ cluster, at: from });
  const candidates = [
    ...services.filter((s) => s.namespace !== 'kube-system'),
    ...services.filter((s) => s.namespace === 'kube-system'),
  ].slice(0, 50);
  let best = { namespace: 'default', name: 'kubernetes', ip: null as string | null, size: -1 };
  for (const s of candidates) {
    const set = await history.endpointsAt({ cluster, namespace: s.namespace, service: s.name, at: from });
    const size = set.addresses.length + set.notReadyAddresses.length;
    if (size > best.size) {
      const ip = set.addresses[0]?.ip ?? set.notReadyAddresses[0]?.ip ?? null;
      best = { namespace: s.namespace, name: s.name, ip, size };
    }
  }
  return [
    {
      question: `Which endpoints did ${best.namespace}/${best.name} have when recording began?`,
      query: endpointsExample(best.namespace, best.name, from, named),
    },
    {
      question: `Which pods have held ${best.ip ?? 'an IP'} since recording began?`,
      query: podsByIpExample(best.ip ?? '10.0.0.1', from, null, named),
    },
    {
      question: `How many endpoints of ${best.namespace}/${best.name} were ready, and did it ever have none?`,
      query: readyExample(best.namespace, best.name, from, null, named),
    },
  ];
}
