/**
 * A byte-level delta of one serialised object against its previous version: a list of COPY (a run
 * of the base) and INSERT (new bytes) operations. Versions differ in a few small regions (a status,
 * a timestamp, one endpoint, an address moved from `addresses` to `notReadyAddresses`), so the
 * encoder trims the shared prefix and suffix, then splits what is left at the longest run it can
 * find anywhere in the base (native Buffer.indexOf on a few probes), recursively. Costs a few µs.
 *
 * Format: varint op count, then per op a varint tag (len << 1 | isInsert) followed by a varint base
 * offset (COPY) or the bytes (INSERT).
 */

const PROBE = 12;
const MIN_COPY = 16;
const MAX_DEPTH = 6;
const MAX_PROBES = 8;

type Op = { copy: true; offset: number; length: number } | { copy: false; start: number; end: number };

export function encodeDelta(next: Buffer, base: Buffer): Buffer {
  const ops: Op[] = [];
  const copy = (offset: number, length: number) => {
    if (length === 0) return;
    const last = ops[ops.length - 1];
    if (last?.copy && last.offset + last.length === offset) last.length += length;
    else ops.push({ copy: true, offset, length });
  };
  const insert = (start: number, end: number) => {
    if (end === start) return;
    const last = ops[ops.length - 1];
    if (last && !last.copy && last.end === start) last.end = end;
    else ops.push({ copy: false, start, end });
  };

  const diff = (bStart: number, bEnd: number, aStart: number, aEnd: number, depth: number): void => {
    const prefix = commonRun(next, bStart, base, aStart, Math.min(bEnd - bStart, aEnd - aStart), 1);
    const room = Math.min(bEnd - bStart, aEnd - aStart) - prefix;
    const suffix = commonRun(next, bEnd, base, aEnd, room, -1);
    copy(aStart, prefix);
    const b0 = bStart + prefix;
    const b1 = bEnd - suffix;
    const a0 = aStart + prefix;
    const a1 = aEnd - suffix;
    if (b1 > b0) {
      const anchor = depth > 0 && b1 - b0 >= MIN_COPY ? findAnchor(next, b0, b1, base) : null;
      if (anchor === null) insert(b0, b1);
      else {
        diff(b0, anchor.b, a0, Math.max(a0, Math.min(anchor.a, a1)), depth - 1);
        copy(anchor.a, anchor.length);
        diff(anchor.b + anchor.length, b1, Math.min(anchor.a + anchor.length, a1), a1, depth - 1);
      }
    }
    copy(aEnd - suffix, suffix);
  };
  diff(0, next.length, 0, base.length, MAX_DEPTH);

  const out: number[] = [];
  varint(out, ops.length);
  const parts: Buffer[] = [];
  for (const op of ops) {
    if (op.copy) {
      varint(out, op.length * 2);
      varint(out, op.offset);
    } else {
      varint(out, (op.end - op.start) * 2 + 1);
      parts.push(Buffer.from(out.splice(0)), next.subarray(op.start, op.end));
    }
  }
  parts.push(Buffer.from(out));
  return Buffer.concat(parts);
}

/**
 * Length of the run shared by x and y starting at xi/yi going forward (dir 1), or ending just before
 * xi/yi going backward (dir -1), at most max. (A plain loop: Buffer.compare's per-call cost is
 * higher than scanning the few kilobytes of a slim object.)
 */
function commonRun(x: Buffer, xi: number, y: Buffer, yi: number, max: number, dir: 1 | -1): number {
  let n = 0;
  if (dir === 1) while (n < max && x[xi + n] === y[yi + n]) n++;
  else while (n < max && x[xi - 1 - n] === y[yi - 1 - n]) n++;
  return n;
}

/** The longest run of next[b0, b1) found anywhere in base, from a few evenly spaced probes. */
function findAnchor(
  next: Buffer,
  b0: number,
  b1: number,
  base: Buffer,
): { b: number; a: number; length: number } | null {
  let best: { b: number; a: number; length: number } | null = null;
  const span = b1 - b0 - PROBE;
  const stride = Math.max(PROBE, Math.ceil(span / MAX_PROBES));
  for (let p = b0; p <= b1 - PROBE; p += stride) {
    if (best && p < best.b + best.length) continue;
    const at = base.indexOf(next.subarray(p, p + PROBE));
    if (at < 0) continue;
    let left = 0;
    while (p - left > b0 && at - left > 0 && next[p - left - 1] === base[at - left - 1]) left++;
    let right = PROBE;
    while (p + right < b1 && at + right < base.length && next[p + right] === base[at + right]) right++;
    const length = left + right;
    if (length >= MIN_COPY && (!best || length > best.length)) best = { b: p - left, a: at - left, length };
  }
  return best;
}

function varint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

export function decodeDelta(blob: Buffer, base: Buffer): Buffer {
  let i = 0;
  const read = (): number => {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = blob[i++]!;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 128;
    }
  };
  const count = read();
  const parts: Buffer[] = [];
  for (let k = 0; k < count; k++) {
    const tag = read();
    const length = Math.floor(tag / 2);
    if (tag % 2 === 1) {
      parts.push(blob.subarray(i, i + length));
      i += length;
    } else {
      const offset = read();
      parts.push(base.subarray(offset, offset + length));
    }
  }
  return Buffer.concat(parts);
}
