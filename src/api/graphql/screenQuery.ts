import type { DocumentNode } from 'graphql';
import { ephError } from '../../errors/index.js';
import type { ApiLimits } from '../limits.js';
import { graphql } from './graphqlRuntime.js';

const { Kind, Lexer, parse, Source, TokenKind, visit } = graphql;

/**
 * Structural bounds that keep graphql-js' own validation fast: its overlapping-fields rule compares
 * fields of one response name pairwise and fragments spread in one selection pairwise, so those
 * counts, not the text size, decide its cost. No query a person or a dashboard writes comes near them.
 */
export const MAX_NESTING = 64;
export const MAX_FRAGMENTS = 32;
export const MAX_SAME_NAME = 16;

const OPENING: ReadonlySet<string> = new Set([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L]);
const CLOSING: ReadonlySet<string> = new Set([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R]);

/** One pass of the lexer: at most `maxTokens` tokens, brackets at most MAX_NESTING deep. */
function lexicalCheck(source: string, maxTokens: number): void {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  let depth = 0;
  for (let t = lexer.advance(); t.kind !== TokenKind.EOF; t = lexer.advance()) {
    if (++tokens > maxTokens) {
      throw ephError('EPH_ERR_QUERY_TOO_LARGE', `query has more than ${maxTokens} tokens (the maximum)`);
    }
    if (OPENING.has(t.kind) && ++depth > MAX_NESTING) {
      throw ephError('EPH_ERR_QUERY_TOO_DEEP', `query nests brackets more than ${MAX_NESTING} deep`);
    }
    if (CLOSING.has(t.kind)) depth--;
  }
}

/** One walk of the document: aliases, fragment definitions and repeats of one response name. */
function structuralCheck(document: DocumentNode, limits: ApiLimits): void {
  let aliases = 0;
  let fragments = 0;
  visit(document, {
    Field(node) {
      if (node.alias && ++aliases > limits.maxAliases) {
        throw ephError(
          'EPH_ERR_QUERY_TOO_LARGE',
          `query has more than ${limits.maxAliases} aliases (the maximum)`,
        );
      }
    },
    FragmentDefinition() {
      if (++fragments > MAX_FRAGMENTS) {
        throw ephError('EPH_ERR_QUERY_TOO_LARGE', `query defines more than ${MAX_FRAGMENTS} fragments`);
      }
    },
    SelectionSet(node) {
      const seen = new Map<string, number>();
      for (const s of node.selections) {
        if (s.kind !== Kind.FIELD) continue;
        const name = (s.alias ?? s.name).value;
        const n = (seen.get(name) ?? 0) + 1;
        if (n > MAX_SAME_NAME) {
          throw ephError(
            'EPH_ERR_QUERY_TOO_COMPLEX',
            `query selects "${name}" more than ${MAX_SAME_NAME} times in one selection`,
          );
        }
        seen.set(name, n);
      }
    },
  });
}

/**
 * Screens a GraphQL request's `query` before anything else looks at it, in time linear in its size:
 * a string (EPH_ERR_BAD_QUERY), at most `maxQueryBytes` bytes and `maxTokens` tokens
 * (EPH_ERR_QUERY_TOO_LARGE), brackets at most MAX_NESTING deep (EPH_ERR_QUERY_TOO_DEEP, checked by
 * the lexer before the recursive parser can overflow its stack), valid syntax (a GraphQL syntax
 * error, EPH_ERR_BAD_QUERY — also for a JSON AST, which mercurius would otherwise accept in place of
 * text), at most `maxAliases` aliases and MAX_FRAGMENTS fragments, no response name more than
 * MAX_SAME_NAME times in one selection. Returns the parsed document.
 */
export function screenQuery(query: unknown, limits: ApiLimits): DocumentNode {
  if (typeof query !== 'string' || query.trim() === '') {
    throw ephError('EPH_ERR_BAD_QUERY', 'query must be a non-empty string of GraphQL text');
  }
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes > limits.maxQueryBytes) {
    throw ephError(
      'EPH_ERR_QUERY_TOO_LARGE',
      `query is ${bytes} bytes long, more than the maximum of ${limits.maxQueryBytes}`,
    );
  }
  lexicalCheck(query, limits.maxTokens);
  const document = parse(query, { maxTokens: limits.maxTokens });
  structuralCheck(document, limits);
  return document;
}
