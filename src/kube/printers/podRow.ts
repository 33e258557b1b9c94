import { translateTimestampSince } from './humanDuration.js';
import { arr, type Raw, rec, str } from './raw.js';

/** Pod columns of `kubectl get pods` (printers.go `podColumnDefinitions`); priority 1 = `-o wide`. */
export const POD_COLUMNS = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'Ready', type: 'string', format: '', priority: 0 },
  { name: 'Status', type: 'string', format: '', priority: 0 },
  { name: 'Restarts', type: 'string', format: '', priority: 0 },
  { name: 'Age', type: 'string', format: '', priority: 0 },
  { name: 'IP', type: 'string', format: '', priority: 1 },
  { name: 'Node', type: 'string', format: '', priority: 1 },
  { name: 'Nominated Node', type: 'string', format: '', priority: 1 },
  { name: 'Readiness Gates', type: 'string', format: '', priority: 1 },
] as const;

const isRestartableInit = (c: Raw | undefined): boolean => str(c?.restartPolicy) === 'Always';

/**
 * Port of printers.go `printPod` with wide cells (the API server always renders wide):
 * [name, "ready/total", status reason, restarts ("3 (5m ago)" when a last termination is known), age,
 * IP, node, nominated node, readiness gates]. Reason precedence follows kube: phase → status.reason →
 * SchedulingGated → init container state → container waiting/terminated reason → Terminating.
 */
export function podRow(pod: Raw, now: number): string[] {
  const metadata = rec(pod.metadata);
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  const containers = arr(spec.containers);
  const initSpecs = arr(spec.initContainers);
  const conditions = arr(status.conditions);
  let restarts = 0;
  let initRestartableRestarts = 0;
  let totalContainers = containers.length;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastInitRestart = 0;
  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  for (const c of conditions) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initByName = new Map(initSpecs.map((c) => [str(c.name), c]));
  for (const c of initSpecs) if (isRestartableInit(c)) totalContainers++;
  const finishedAt = (cs: Raw): number => {
    const t = rec(rec(cs.lastState).terminated).finishedAt;
    return typeof t === 'string' ? Date.parse(t) : 0;
  };
  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    const state = rec(cs.state);
    restarts += Number(cs.restartCount ?? 0);
    lastRestart = Math.max(lastRestart, finishedAt(cs));
    const restartable = isRestartableInit(initByName.get(str(cs.name)));
    if (restartable) {
      initRestartableRestarts += Number(cs.restartCount ?? 0);
      lastInitRestart = Math.max(lastInitRestart, finishedAt(cs));
    }
    const terminated = state.terminated ? rec(state.terminated) : undefined;
    const waiting = state.waiting ? rec(state.waiting) : undefined;
    if (terminated && Number(terminated.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready === true) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!str(terminated.reason)) {
        const signal = Number(terminated.signal ?? 0);
        reason = signal !== 0 ? `Init:Signal:${signal}` : `Init:ExitCode:${Number(terminated.exitCode ?? 0)}`;
      } else reason = `Init:${str(terminated.reason)}`;
    } else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  const initializedTrue = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = initRestartableRestarts;
    lastRestart = lastInitRestart;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      const state = rec(cs.state);
      restarts += Number(cs.restartCount ?? 0);
      lastRestart = Math.max(lastRestart, finishedAt(cs));
      const waiting = state.waiting ? rec(state.waiting) : undefined;
      const terminated = state.terminated ? rec(state.terminated) : undefined;
      if (waiting && str(waiting.reason)) reason = str(waiting.reason);
      else if (terminated && str(terminated.reason)) reason = str(terminated.reason);
      else if (terminated) {
        const signal = Number(terminated.signal ?? 0);
        reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${Number(terminated.exitCode ?? 0)}`;
      } else if (cs.ready === true && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (metadata.deletionTimestamp && !terminal) reason = 'Terminating';
  let restartsCell = String(restarts);
  if (restarts !== 0 && lastRestart > 0) {
    restartsCell = `${restarts} (${translateTimestampSince(new Date(lastRestart).toISOString(), now)} ago)`;
  }
  const podIPs = arr(status.podIPs);
  const podIP = str(podIPs[0]?.ip) || '<none>';
  const gates = arr(spec.readinessGates);
  let readinessGates = '<none>';
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const g of gates) {
      const c = conditions.find((x) => x.type === g.conditionType);
      if (c?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return [
    str(metadata.name),
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsCell,
    translateTimestampSince(metadata.creationTimestamp, now),
    podIP,
    str(spec.nodeName) || '<none>',
    str(status.nominatedNodeName) || '<none>',
    readinessGates,
  ];
}
