import type { CliOutput } from '../io.js';
import type { ExampleQuery } from './exampleQueries.js';

export interface PrintExamplesOptions {
  /** Base URL of the API server. */
  url: string;
  examples: readonly ExampleQuery[];
  /** Set when the API requires a bearer token: the curl line reads it from this file. */
  authTokenFile?: string | undefined;
}

/**
 * Prints the example queries, one per line so each pastes into GraphiQL as it is, and the first one
 * again as a curl command for those who prefer a terminal.
 */
export function printExamples(out: CliOutput, options: PrintExamplesOptions): void {
  const lines = ['', `Try these in GraphiQL (${options.url}/graphiql), one at a time:`, ''];
  for (const [i, example] of options.examples.entries()) {
    lines.push(`  # ${i + 1}. ${example.question}`, `  ${example.query}`, '');
  }
  const first = options.examples[0];
  if (first !== undefined) {
    const auth = options.authTokenFile
      ? ` -H "Authorization: Bearer $(cat ${shellQuote(options.authTokenFile)})"`
      : '';
    const body = shellQuote(JSON.stringify({ query: first.query }));
    lines.push(
      'or from a terminal:',
      `  curl -s ${options.url}/graphql -H 'content-type: application/json'${auth} -d ${body}`,
      '',
    );
  }
  out.write(`${lines.join('\n')}\n`);
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
