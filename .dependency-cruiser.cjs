/**
 * The direction imports may take between the stages of src/ (docs/design.md, "Seams"): run by
 * `npm run lint`. A stage is one of model, store, projections, query, render, watch, api, cli, sim;
 * src/kube, src/errors and src/util are libraries any stage may use.
 */
const STAGES = '(model|store|projections|query|render|watch|api|cli|sim)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'model-imports-no-stage',
      comment: 'src/model is pure: raw object → slim form. It may use src/kube, src/errors and src/util only.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: `^src/${STAGES}/`, pathNot: '^src/model/' },
    },
    {
      name: 'projections-are-folds',
      comment: 'src/projections folds events into rows; the store calls it, never the other way round.',
      severity: 'error',
      from: { path: '^src/projections/' },
      to: { path: '^src/(store|query|api|cli|sim)/' },
    },
    {
      name: 'query-reads-only',
      comment: 'src/query answers from the database; it knows nothing of recording, HTTP, the CLI or the simulator.',
      severity: 'error',
      from: { path: '^src/query/' },
      to: { path: '^src/(watch|api|cli|sim)/' },
    },
    {
      name: 'render-formats-answers',
      comment: 'src/render turns query answers into text for people (CLI and api alike); it reads nothing itself.',
      severity: 'error',
      from: { path: '^src/render/' },
      to: { path: '^src/(store|projections|watch|api|cli|sim)/' },
    },
    {
      name: 'api-translates-query',
      comment: 'src/api translates HTTP to and from src/query; it never records, and never borrows from the CLI or the simulator.',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^src/(watch|cli|sim)/' },
    },
    {
      name: 'sim-is-a-test-double',
      comment: 'Only src/cli/runtime (which starts the demo) may start the simulated cluster.',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: '^src/cli/runtime/' },
      to: { path: '^src/sim/' },
    },
    {
      name: 'kube-is-a-library',
      comment: 'src/kube (what we know about Kubernetes) is shared by every stage, so it imports none.',
      severity: 'error',
      from: { path: '^src/kube/' },
      to: { path: `^src/${STAGES}/` },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'Product code never imports tests or benchmarks.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    includeOnly: '^src/',
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
