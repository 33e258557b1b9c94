import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitListPage } from '../../src/watch/listPage.js';

/** What the page parsed at once says: its items, and the rest with items null. */
function expected(text: string) {
  const page = JSON.parse(text) as Record<string, unknown>;
  const items = Array.isArray(page.items) ? page.items : null;
  return { items, head: Array.isArray(page.items) ? { ...page, items: null } : page };
}

function actual(text: string) {
  const page = splitListPage(Buffer.from(text));
  const { items } = page;
  const parsed =
    items === null ? null : Array.from({ length: items.length }, (_, i) => JSON.parse(items.text(i)));
  return { items: parsed as unknown[] | null, head: page.head };
}

describe('splitListPage', () => {
  it('splits any list-shaped page into the items JSON.parse of the whole page finds, compact or indented', () => {
    const page = fc.record({
      kind: fc.constant('PodList'),
      metadata: fc.record({ resourceVersion: fc.string(), continue: fc.string() }),
      items: fc.array(fc.jsonValue()),
      extra: fc.jsonValue(),
    });
    fc.assert(
      fc.property(page, fc.constantFrom(undefined, 2), (p, indent) => {
        const text = JSON.stringify(p, null, indent);
        expect(actual(text)).toEqual(expected(text));
      }),
      { numRuns: 500 },
    );
  });

  it('is not misled by quotes, brackets, an "items" key or escapes inside strings and nested objects', () => {
    const text = JSON.stringify({
      metadata: { resourceVersion: '7', note: '"items":[1,2]' },
      nested: { items: [{ a: '}]' }] },
      items: [{ name: 'a\\"],["b', items: [3] }, 'x,y', 4, null, [[5]], { s: '\\' }],
    });
    expect(actual(text)).toEqual(expected(text));
    expect(splitListPage(Buffer.from(text)).items).toHaveLength(6);
  });

  it('keeps multi-byte characters whole', () => {
    const text = JSON.stringify({ metadata: {}, items: [{ name: 'Grüße 日本 🚀' }, { name: 'é' }] });
    expect(actual(text)).toEqual(expected(text));
  });

  it('treats a page without an items array as JSON.parse does', () => {
    for (const text of [
      '{"metadata":{"resourceVersion":"1"}}',
      '{"items":null}',
      '{"items":{"a":1}}',
      '[1,2]',
      '{"items":[]}',
    ])
      expect(actual(text)).toEqual(expected(text));
  });

  it('takes the last of two items keys, as JSON.parse does', () => {
    const text = '{"items":[1,2],"metadata":{},"items":[3]}';
    expect(actual(text)).toEqual(expected(text));
  });

  it('throws a SyntaxError for a malformed page, as JSON.parse does', () => {
    for (const text of [
      '{"items":[{"a":1},]}',
      '{"items":[{"a":1}',
      '{"items":[1 2]}',
      '{"items":[,1]}',
      '{"items":[1,,2]}',
      '{"items":[1, ]}',
      '{"items":[1],',
      '',
      'nope',
    ])
      expect(() => actual(text)).toThrow(SyntaxError);
  });
});
