/**
 * An HTTP client on a thread of its own, so that its requests and their timing do not depend on the
 * server's event loop (workerData: { url, query, queries }). It opens `queries` + 1 kept-alive
 * connections, then sends `queries` heavy GraphQL queries at once and a /healthz probe 20 ms later
 * (all already connected, so they all reach the server at once), and posts the order in which the
 * answers came back.
 */
import { parentPort, workerData } from 'node:worker_threads';

const { url, query, queries } = workerData as { url: string; query: string; queries: number };
await Promise.all(Array.from({ length: queries + 1 }, () => fetch(`${url}/healthz`).then((r) => r.text())));
const done: string[] = [];
const heavy = Array.from({ length: queries }, (_, i) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })
    .then((r) => r.json())
    .then(() => done.push(`query ${i}`)),
);
await new Promise((r) => setTimeout(r, 20));
const status = await fetch(`${url}/healthz`).then((r) => {
  done.push('healthz');
  return r.status;
});
await Promise.all(heavy);
parentPort!.postMessage({ status, done });
