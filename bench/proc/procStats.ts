import { readdirSync, readFileSync } from 'node:fs';

/** A field of /proc/PID/status in MB (VmHWM: peak resident set; VmRSS: current), NaN once gone. */
export function statusMb(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time of a process (all its threads), user + system, in ms. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The process and every descendant (threads are part of their process). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const visit = (pid: number): void => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(root);
  return out;
}

/** Samples the summed resident set of a process tree every `everyMs`, keeping its peak (MB). */
export class TreeRssSampler {
  peakMb = 0;
  private timer: NodeJS.Timeout;

  constructor(
    private readonly root: number,
    everyMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): number {
    const total = processTree(this.root)
      .map((pid) => statusMb(pid, 'VmRSS'))
      .filter((mb) => !Number.isNaN(mb))
      .reduce((a, b) => a + b, 0);
    this.peakMb = Math.max(this.peakMb, total);
    return total;
  }

  /** Peak so far; restarts the count when `reset`. */
  take(reset = false): number {
    this.sample();
    const peak = this.peakMb;
    if (reset) this.peakMb = 0;
    return peak;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** The 1-minute load average: how busy the machine was while measuring. */
export const loadAverage = (): number => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
