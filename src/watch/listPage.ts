/**
 * The items of a list page as JSON texts, each decoded from the page's bytes only when asked for:
 * a page's 500 texts alive at once were ≈ 1–5 MB of young objects that outlived scavenges while
 * the page was slimmed and stored.
 */
export interface ListItems {
  readonly length: number;
  /** The JSON text of item `i`. */
  text(i: number): string;
  /** The UTF-8 length of item `i`'s text. */
  bytes(i: number): number;
}

/** A list response split into its items, each still JSON text, and everything else parsed. */
export interface ListPage {
  /** The response object without its `items` (metadata, kind, apiVersion). */
  head: { metadata?: { resourceVersion?: unknown; continue?: unknown }; items?: unknown };
  /** Each element of the top-level `items` array as its JSON text; null when `items` is absent. */
  items: ListItems | null;
}

/** Items as byte ranges of the page: `bounds` holds each item's start and end. */
class PageItems implements ListItems {
  constructor(
    private readonly body: Buffer,
    private readonly bounds: readonly number[],
  ) {}

  get length(): number {
    return this.bounds.length / 2;
  }

  text(i: number): string {
    return this.body.toString('utf8', this.bounds[2 * i], this.bounds[2 * i + 1]);
  }

  bytes(i: number): number {
    return this.bounds[2 * i + 1]! - this.bounds[2 * i]!;
  }
}

/** Items already as texts (a page the scanner did not split). */
class TextItems implements ListItems {
  constructor(private readonly texts: readonly string[]) {}

  get length(): number {
    return this.texts.length;
  }

  text(i: number): string {
    return this.texts[i]!;
  }

  bytes(i: number): number {
    return Buffer.byteLength(this.texts[i]!, 'utf8');
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const ITEMS = Buffer.from('"items"');

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Splits a list response (`{"kind":…,"metadata":{…},"items":[{…},…]}`) into its items' JSON texts
 * without parsing the page as one document. A page of 500 pods is 1–3 MB of text: `JSON.parse` of
 * it at once makes a string too large for V8's young generation and 500 raw pods that all outlive
 * several scavenges while the page is slimmed, so all of it was promoted and left for full
 * collections (≈ 30 % of a first list's CPU at 50,000 pods). Item by item, each raw object is
 * garbage before the next is parsed.
 *
 * Only the structure is scanned (strings, escapes, nesting); anything that is not a JSON object
 * with a top-level `items` array — including malformed JSON — is parsed whole, so errors and odd
 * shapes behave exactly as `JSON.parse` of the page would. An item that is not valid JSON throws
 * the same SyntaxError when it is parsed.
 */
export function splitListPage(body: Buffer): ListPage {
  const scan = scanItems(body);
  if (scan === null) return whole(body);
  const { open, close, bounds } = scan;
  const head = JSON.parse(
    `${body.toString('utf8', 0, open)}null${body.toString('utf8', close + 1)}`,
  ) as ListPage['head'];
  // a second `items` key (JSON.parse keeps the last one): not a page this scanner should split
  if (head === null || typeof head !== 'object' || head.items !== null) return whole(body);
  return { head, items: new PageItems(body, bounds) };
}

/** The page parsed at once: for anything the scanner does not recognise. */
function whole(body: Buffer): ListPage {
  const head = JSON.parse(body.toString('utf8')) as ListPage['head'];
  if (!Array.isArray(head?.items)) return { head, items: null };
  return {
    head: { ...head, items: null },
    items: new TextItems(head.items.map((item) => JSON.stringify(item))),
  };
}

/** End (exclusive) of the text from `start` to `end` without trailing white space. */
function trimEnd(body: Buffer, start: number, end: number): number {
  while (end > start && isSpace(body[end - 1]!)) end--;
  return end;
}

/** Index of the closing quote of the string opening at `i`, or -1 when it does not close. */
function endOfString(body: Buffer, i: number): number {
  for (let j = i + 1; j < body.length; j++) {
    const c = body[j]!;
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j;
  }
  return -1;
}

/**
 * Byte offsets of the `[` and `]` of the top-level object's `items` array and each element's start
 * and end, found in one pass; null when the body is not an object, has no such key with an array
 * value, has an empty element (`[1,,2]`, `[1,]`), or does not scan as JSON structure.
 */
function scanItems(body: Buffer): { open: number; close: number; bounds: number[] } | null {
  let i = 0;
  while (i < body.length && isSpace(body[i]!)) i++;
  if (body[i] !== OPEN_BRACE) return null;
  let depth = 0;
  let open = -1;
  let expectKey = false;
  const bounds: number[] = [];
  // inside the items array (depth 2 at its top): where the current element starts, -1 between two
  let start = -1;
  for (; i < body.length; i++) {
    const c = body[i]!;
    if (open >= 0 && depth === 2 && start < 0 && !isSpace(c)) {
      if (c === COMMA || c === CLOSE_BRACKET) {
        // an empty element, unless the array itself is empty
        if (c === COMMA || bounds.length > 0) return null;
      } else start = i;
    }
    if (c === QUOTE) {
      const end = endOfString(body, i);
      if (end < 0) return null;
      if (
        depth === 1 &&
        expectKey &&
        end - i + 1 === ITEMS.length &&
        body.compare(ITEMS, 0, ITEMS.length, i, end + 1) === 0
      ) {
        let j = end + 1;
        while (j < body.length && isSpace(body[j]!)) j++;
        if (body[j] !== COLON) return null;
        j++;
        while (j < body.length && isSpace(body[j]!)) j++;
        if (body[j] !== OPEN_BRACKET) return null;
        open = j;
        i = j;
        depth++;
        continue;
      }
      expectKey = false;
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      expectKey = c === OPEN_BRACE && depth === 1;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (open >= 0 && depth === 2 && c === CLOSE_BRACKET) {
        if (start >= 0) bounds.push(start, trimEnd(body, start, i));
        return { open, close: i, bounds };
      }
      depth--;
      if (depth < 0) return null;
    } else if (c === COMMA) {
      if (depth === 1) expectKey = true;
      else if (open >= 0 && depth === 2) {
        bounds.push(start, trimEnd(body, start, i));
        start = -1;
      }
    }
  }
  return null;
}
