import { type V1Endpoints, v1Endpoints } from '../kube/index.js';
import type { SlimService } from '../model/types.js';
import type { MemberSource } from '../projections/index.js';
import type { History } from './History.js';
import type { EndpointSetOut } from './types.js';

/** Which membership source answers: the query layer's choice, or one forced by `--source`. */
export const ENDPOINT_SOURCES = ['auto', 'slices', 'endpoints'] as const;
export type EndpointSourceChoice = (typeof ENDPOINT_SOURCES)[number];

export interface EndpointsView {
  set: EndpointSetOut;
  /** The v1 Endpoints object reconstructed from `set`, with the recorded object's metadata. */
  object: V1Endpoints;
}

/** The family the Endpoints controller publishes: the Service's first ipFamily, else its clusterIP's. */
function primaryFamily(svc: SlimService | null): 'IPv4' | 'IPv6' | null {
  const first = svc?.ipFamilies[0];
  if (first === 'IPv4' || first === 'IPv6') return first;
  const ip = svc?.clusterIP;
  if (!ip || ip === 'None') return null;
  return ip.includes(':') ? 'IPv6' : 'IPv4';
}

const FORCED: Record<EndpointSourceChoice, MemberSource | undefined> = {
  auto: undefined,
  slices: 'EndpointSlice',
  endpoints: 'Endpoints',
};

/** What `get`/`describe endpoints` can say at T: the objects known to exist, and the unknown ones. */
export interface EndpointsAnswer {
  views: EndpointsView[];
  /** Services whose Endpoints object is unknown at `at` (see `History.endpointsObjects`). */
  unknown: EndpointSetOut[];
}

/**
 * The Endpoints objects the query layer says existed at `at` (`History.endpointsObjects`: which
 * ones, their sets, what is unknown), each rebuilt as the v1 Endpoints object kubectl would show.
 */
export async function endpointsViews(
  history: History,
  args: {
    cluster?: string | null;
    namespace: string | null;
    name: string | null;
    at: number;
    source: EndpointSourceChoice;
  },
): Promise<EndpointsAnswer> {
  const forced = FORCED[args.source];
  const { objects, unknown } = await history.endpointsObjects({
    cluster: args.cluster ?? null,
    namespace: args.namespace,
    name: args.name,
    at: args.at,
    ...(forced === undefined ? {} : { source: forced }),
  });
  const views = objects.map((o) => ({
    set: o.set,
    object: v1Endpoints(o.set, o.endpoints, {
      createdAt: o.service?.meta.createdAt ?? null,
      family: primaryFamily(o.service),
    }),
  }));
  return { views, unknown };
}
