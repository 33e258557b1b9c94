import type {
  EndpointAddressOut,
  EndpointSetOut,
  EndpointsDiffOut,
  History,
  ServiceOut,
} from '../../query/index.js';
import { PodsAt } from './PodsAt.js';

/** An address with the lookup of its list's pods at the moment it was read (for `pod`). */
export interface AddressModel extends EndpointAddressOut {
  pods: PodsAt;
}

/** A service with the moment it was asked about (null = now), the default of its `at` fields. */
export interface ServiceModel extends ServiceOut {
  at: number | null;
}

/** Gives each address its list's lookup; the addresses are the query's own fresh objects. */
function withPods(list: readonly EndpointAddressOut[], pods: PodsAt): AddressModel[] {
  for (const a of list) (a as AddressModel).pods = pods;
  return list as AddressModel[];
}

/** The lookup, loaded at once when the query selects `pod` (`selected`). */
const podsAt = (pods: PodsAt, selected: boolean): Promise<PodsAt> | PodsAt => (selected ? pods.load() : pods);

/** Ready and not-ready addresses share one pod lookup, at the set's moment. */
export async function endpointSetModel(
  history: History,
  set: Promise<EndpointSetOut>,
  podsSelected: boolean,
): Promise<EndpointSetOut> {
  const s = await set;
  const pods = await podsAt(
    new PodsAt(history, s.cluster, s.at, [s.addresses, s.notReadyAddresses]),
    podsSelected,
  );
  return {
    ...s,
    addresses: withPods(s.addresses, pods),
    notReadyAddresses: withPods(s.notReadyAddresses, pods),
  };
}

/** Added addresses are described at `to`, removed ones at `from` (when they were there). */
export async function diffModel(
  history: History,
  diff: Promise<EndpointsDiffOut>,
  cluster: string | null,
  podsSelected: boolean,
): Promise<EndpointsDiffOut> {
  const d = await diff;
  return {
    ...d,
    added: withPods(d.added, await podsAt(new PodsAt(history, cluster, d.to, [d.added]), podsSelected)),
    removed: withPods(
      d.removed,
      await podsAt(new PodsAt(history, cluster, d.from, [d.removed]), podsSelected),
    ),
  };
}
