/** Longest warning text sent: client-go truncates longer ones anyway, and a header must stay small. */
const MAX_TEXT = 1024;

/**
 * An HTTP `Warning` header value as the Kubernetes API sends it (RFC 7234 warn-code 299, agent `-`):
 * `299 - "text"`, the text quoted with `\` before `"` and `\`. kubectl prints each one as
 * `Warning: text` on stderr. Non-ASCII characters and control characters become `?`, since header
 * values are bytes and client-go drops warnings that are not valid UTF-8.
 */
export function warningHeaderValue(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_TEXT);
  return `299 - "${ascii.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
