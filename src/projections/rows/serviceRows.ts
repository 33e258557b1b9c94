import type { SlimService } from '../../model/types.js';
import type { ServiceRef, ServiceStateAttrs } from '../types.js';

export function serviceStateRow(service: ServiceRef, svc: SlimService): Map<string, ServiceStateAttrs> {
  return new Map([
    [
      '',
      {
        service,
        uid: svc.meta.uid,
        type: svc.type,
        clusterIp: svc.clusterIP,
        selector: svc.selector === null ? null : JSON.stringify(svc.selector),
        ports: JSON.stringify(svc.ports),
        publishNotReady: svc.publishNotReadyAddresses,
      },
    ],
  ]);
}
