import { ephError } from '../errors/index.js';
import type { MemberRow } from '../store/index.js';
import { getOrCreate } from '../util/getOrCreate.js';
import { gapsWithin } from './coverage.js';
import { memberIdentity, targetRefOf, toState } from './memberRows.js';
import type { QueryContext } from './QueryContext.js';
import { checkRange, type ServiceRangeArgs, serviceRange } from './serviceRange.js';
import { answerKinds, sourceName } from './sourceAt.js';
import type { CoverageIntervalOut, EndpointSource, MembershipChangeOut } from './types.js';

export const MAX_PAGE_SIZE = 1000;

export interface ChangesArgs extends ServiceRangeArgs {
  first?: number | null;
  after?: string | null;
}

export interface ChangesPage {
  edges: { cursor: string; node: MembershipChangeOut }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  /** The Service kind and the source kind were recorded over all of [from, to]: no change was missed. */
  complete: boolean;
  /** Their gaps within [from, to], clipped to it, by time. */
  gaps: CoverageIntervalOut[];
}

const compare = (a: [number, number, string, string], b: [number, number, string, string]): number =>
  a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]) || a[3].localeCompare(b[3]);

const key = (c: MembershipChangeOut): [number, number, string, string] => [
  c.at,
  c.position,
  c.ip,
  c.targetRef?.uid ?? '',
];

/** A cursor is the change's (time, position, ip, target uid): stable however the page size changes. */
function encodeCursor(c: MembershipChangeOut): string {
  return Buffer.from(JSON.stringify(key(c))).toString('base64url');
}

function decodeCursor(text: string): [number, number, string, string] {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 4 && typeof v[0] === 'number' && typeof v[1] === 'number') {
      return v as [number, number, string, string];
    }
  } catch {
    // fall through to the error below
  }
  throw ephError('EPH_ERR_BAD_CURSOR', `cursor "${text}" was not produced by this server`);
}

/**
 * Every membership change of a service with from ≤ time ≤ to, oldest first: an address joining
 * (ADDED), leaving (REMOVED), or changing conditions/node/ports at one instant (CHANGED, with the
 * state before and after). Each carries the position of the event that caused it.
 */
export async function membershipChanges(
  ctx: QueryContext,
  args: ServiceRangeArgs,
): Promise<MembershipChangeOut[]> {
  const { service, source } = await serviceRange(ctx, args);
  return source
    ? changeList(
        await ctx.reads.membersOverlapping(service.id, source, args.from - 1, args.to),
        args.from,
        args.to,
        sourceName(source),
      )
    : [];
}

/** {@link membershipChanges} in Relay-style pages. */
export async function changes(ctx: QueryContext, args: ChangesArgs): Promise<ChangesPage> {
  checkRange(args);
  const first = args.first ?? 100;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw ephError('EPH_ERR_PAGE_TOO_LARGE', `first must be between 0 and ${MAX_PAGE_SIZE}`, { first });
  }
  const after = args.after ? decodeCursor(args.after) : null;
  const all = await membershipChanges(ctx, args);
  const rest = after ? all.filter((c) => compare(key(c), after) > 0) : all;
  const page = rest.slice(0, first);
  const { cluster, source } = await serviceRange(ctx, args);
  const gaps = await gapsWithin(ctx, cluster, answerKinds(source), args.from, args.to);
  return {
    complete: gaps.length === 0,
    gaps,
    edges: page.map((node) => ({ cursor: encodeCursor(node), node })),
    pageInfo: {
      hasNextPage: rest.length > page.length,
      endCursor: page.length ? encodeCursor(page[page.length - 1]!) : null,
    },
    totalCount: all.length,
  };
}

/** How many changes `membershipChanges` lists for these rows (see changeList). */
export const membershipChangeCount = (rows: readonly MemberRow[], from: number, to: number): number =>
  changeList(rows, from, to, 'NONE').length;

/** Pairs closes and opens of the same address at the same instant into one change. */
function changeList(
  rows: readonly MemberRow[],
  from: number,
  to: number,
  source: EndpointSource,
): MembershipChangeOut[] {
  type Slot = { close?: MemberRow; open?: MemberRow };
  const byInstant = new Map<string, Slot>();
  const slot = (t: number, r: MemberRow): Slot =>
    getOrCreate(byInstant, `${t}\u0000${memberIdentity(r)}`, (): Slot => ({}));
  for (const r of rows) {
    if (r.validFrom >= from && r.validFrom <= to) slot(r.validFrom, r).open = r;
    if (r.validTo >= from && r.validTo <= to) slot(r.validTo, r).close = r;
  }
  const out: MembershipChangeOut[] = [];
  for (const { open, close } of byInstant.values()) {
    const any = (open ?? close)!;
    out.push({
      at: open ? open.validFrom : close!.validTo,
      type: open && close ? 'CHANGED' : open ? 'ADDED' : 'REMOVED',
      ip: any.ip,
      targetRef: targetRefOf(any),
      before: close ? toState(close) : null,
      after: open ? toState(open) : null,
      position: open ? open.fromPosition : (close!.toPosition ?? close!.fromPosition),
      source,
    });
  }
  return out.sort((a, b) => compare(key(a), key(b)));
}
