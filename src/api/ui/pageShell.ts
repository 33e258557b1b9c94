import { README_QUERIES } from './readmeQueries.js';

/**
 * Headers for the two HTML shells. The content security policy is also the guarantee that nothing is
 * loaded from the internet: scripts, styles, fonts, workers and requests are limited to this origin
 * (Monaco, GraphiQL's editor, injects style elements and starts workers from blob URLs).
 */
export const SHELL_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** JSON inside a `<script type="application/json">`: `<` escaped so no text can close the element. */
const embed = (value: unknown): string => JSON.stringify(value).replaceAll('<', '\\u003c');

/** The timeline page at `/`: an empty shell, the bundle (web/page) does the rest. Links are relative. */
export function pageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>endpoints-history</title>
<link rel="stylesheet" href="ui/page.css">
<script type="module" src="ui/page.js"></script>
</head>
<body>
<noscript>This page needs JavaScript. The API index is at <a href="api">/api</a>, GraphQL at <a href="graphiql">/graphiql</a>.</noscript>
<div id="app"></div>
</body>
</html>
`;
}

/** GraphiQL at `/graphiql`, from the bundle built from the installed graphiql package (web/graphiql). */
export function graphiqlHtml(): string {
  const config = { tabs: README_QUERIES.map((q) => ({ query: q.query })) };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · endpoints-history</title>
<link rel="stylesheet" href="ui/graphiql/graphiql.css">
<script type="application/json" id="graphiql-config">${embed(config)}</script>
<script type="module" src="ui/graphiql/graphiql.js"></script>
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql" aria-busy="true">Loading GraphiQL…</div>
</body>
</html>
`;
}

/** What `/` and `/graphiql` answer when the bundles were never built (an install with --ignore-scripts). */
export function notBuiltHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>endpoints-history: web UI not built</title></head>
<body><h1>The web UI was not built</h1>
<p>Run <code>npm run build</code> (<code>npm ci</code> runs it) in the endpoints-history folder, then reload.
The API works without it: GraphQL at <a href="graphql">/graphql</a>, the index at <a href="api">/api</a>.</p>
</body></html>
`;
}
