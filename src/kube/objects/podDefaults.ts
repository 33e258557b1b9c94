import type { ContainerInput, PodSpecInput } from './podObject.js';

/**
 * What the API server writes into a PodSpec that leaves it out: SetDefaults_PodSpec (restart and
 * DNS policy, grace period, scheduler, enableServiceLinks), the ServiceAccount admission plugin, the
 * DefaultTolerationSeconds plugin (300 s for not-ready and unreachable nodes) and priority admission.
 * `podObject` adds none of it by itself — the tests' pods carry only what slimming reads — so a
 * caller building pods as a real cluster stores them spreads this into the spec. A fresh object on
 * each call, so no two pods share one.
 */
export function podSpecDefaults(): Omit<PodSpecInput, 'containers'> {
  return {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    serviceAccount: 'default',
    securityContext: {},
    schedulerName: 'default-scheduler',
    tolerations: [
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ],
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  };
}

/**
 * What SetDefaults_Container fills: the termination message path and policy, and the pull policy of
 * an image with a tag other than `latest` (IfNotPresent).
 */
export function containerDefaults(): Pick<
  ContainerInput,
  'terminationMessagePath' | 'terminationMessagePolicy' | 'imagePullPolicy'
> {
  return {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
}
