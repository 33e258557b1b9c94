import { CLUSTER_ID_RANGE } from './postgres/ClusterIds.js';

/**
 * The number people see for the event at `position`: its number in its cluster's log. A PostgreSQL
 * store numbers each cluster's events in the cluster's own id range (position = cluster id × 2^36 +
 * n, src/store/postgres/ClusterIds.ts), so a later cluster's positions run past 68 billion; shown,
 * they are `n`: 1, 2, 3… in the order the cluster's events were stored. On SQLite, and for a
 * PostgreSQL store's first cluster, the number is the position itself. Unique within a cluster
 * only: a text citing it names its cluster, and structured answers (GraphQL, `-o json`) keep the
 * position.
 */
export const eventNumber = (position: number): number => position % CLUSTER_ID_RANGE;
