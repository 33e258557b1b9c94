import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../../util/packageRoot.js';

/** One built file of the web UI, ready to send. */
export interface WebAsset {
  body: Buffer;
  /** The same bytes gzipped, for clients that accept it. */
  gzip: Buffer;
  type: string;
  etag: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** A relative path of plain segments: no `..`, no leading slash, no encoded tricks left after routing. */
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Where `npm run build` writes the bundles (web/build.ts): `dist/web` beside package.json. */
export const webDistDir = (): string => join(packageRoot(), 'dist', 'web');

/**
 * The built page and GraphiQL bundles, read from `dir` on first request and kept in memory with
 * their gzip (a few files, a few MB at most). Only known file types under `dir` are served: a path
 * with `..`, an unknown extension or a missing file is `null`, never a read elsewhere.
 */
export class WebAssets {
  private readonly cache = new Map<string, WebAsset | null>();

  constructor(private readonly dir: string = webDistDir()) {}

  get(path: string): WebAsset | null {
    if (!SAFE_PATH.test(path) || path.split('/').some((s) => s.startsWith('.'))) return null;
    const type = TYPES[extname(path)];
    if (type === undefined) return null;
    const hit = this.cache.get(path);
    if (hit !== undefined) return hit;
    const asset = this.load(path, type);
    this.cache.set(path, asset);
    return asset;
  }

  /** Whether the bundles were built at all (an install with `--ignore-scripts` skips the build). */
  built(): boolean {
    return this.get('page.js') !== null;
  }

  private load(path: string, type: string): WebAsset | null {
    const file = join(this.dir, path);
    try {
      if (!statSync(file).isFile()) return null;
      const body = readFileSync(file);
      const gzip = gzipSync(body, { level: 9 });
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      return { body, gzip, type, etag };
    } catch {
      return null;
    }
  }
}
