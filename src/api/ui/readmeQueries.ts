/**
 * The README's three example queries, preloaded as GraphiQL's tabs. A test checks that the README
 * still shows each of them verbatim, so the two cannot drift apart.
 */
export const README_QUERIES: readonly { title: string; query: string }[] = [
  {
    title: 'endpoints at a moment',
    query: `# which pods backed service-hello at 02:18, which were ready? (was the recorder watching then?)
{ endpoints(namespace: "default", service: "service-hello", at: "2026-03-01T02:18:00Z") {
    source complete gaps { from to reason } lastChangeAt
    addresses { ip nodeName since pod { name phase ready } }
    notReadyAddresses { ip serving terminating targetRef { name } }
    ports { name port protocol } } }`,
  },
  {
    title: 'who held an IP',
    query: `# which pod held 10.244.1.23 — at a moment, or over a range?
{ podsByIP(ip: "10.244.1.23", from: "2026-03-01T02:00:00Z", to: "2026-03-01T03:00:00Z") {
    from to pod { namespace name uid nodeName deletedAt } } }`,
  },
  {
    title: 'outages and changes',
    query: `# when did it have zero ready endpoints, and what changed between 02:10 and 02:25?
{ service(namespace: "default", name: "service-hello") {
    outages(from: "-24h", to: "now") { from to durationMs complete }
    changes(from: "2026-03-01T02:10:00Z", to: "2026-03-01T02:25:00Z", first: 50) {
      edges { node { at type ip targetRef { name } before { ready } after { ready } position } } } } }`,
  },
];
