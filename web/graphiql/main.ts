import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

/**
 * GraphiQL from the installed graphiql package, bundled by web/build.ts: Monaco's workers are files
 * of the same build, loaded from this server (mercurius' own GraphiQL fetches all of this from a CDN).
 */
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    const name = label === 'json' || label === 'graphql' ? label : 'editor';
    return new Worker(new URL(`./${name}.worker.js`, import.meta.url));
  },
};

interface Config {
  tabs: { query: string }[];
}

const config = JSON.parse(document.getElementById('graphiql-config')?.textContent ?? '{"tabs":[]}') as Config;
// The page at / keeps the token in this tab's session storage (and in a cookie the server may accept).
const token = sessionStorage.getItem('eph_token');
const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
const base = new URL('graphql', document.baseURI);
const socket = new URL(base);
socket.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';

const fetcher = createGraphiQLFetcher({
  url: base.href,
  headers,
  wsClient: createClient({ url: socket.href, lazy: true, retryAttempts: 0 }),
});

const root = document.getElementById('graphiql')!;
root.removeAttribute('aria-busy');
createRoot(root).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: config.tabs,
    defaultEditorToolsVisibility: false,
    shouldPersistHeaders: false,
  }),
);
