import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../../src/util/packageRoot.js';

export interface CannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; p50: number };
  non2xx: number;
  errors: number;
}

/**
 * autocannon in its own process, so the load generator does not share the server's event loop (and
 * asynchronously: a synchronous child would block the very loop serving the requests). GET only:
 * a POST body costs autocannon more than it costs the server.
 */
export async function cannon(url: string, seconds: number, connections = 10): Promise<CannonResult> {
  const bin = join(packageRoot(), 'node_modules/autocannon/autocannon.js');
  const args = [bin, '-j', '-c', String(connections), '-d', String(seconds), url];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as CannonResult;
}
