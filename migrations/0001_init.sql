-- endpoints-history schema, version 1.
-- The event log is the truth; every table below "projections" can be dropped and rebuilt from it.

CREATE TABLE clusters (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  -- highest observed_at stored for this cluster: observed_at never goes backwards per cluster
  last_observed_at INTEGER
);

-- Identity of every object we ever saw, and a pointer to its latest stored event.
CREATE TABLE objects (
  id            INTEGER PRIMARY KEY,
  cluster_id    INTEGER NOT NULL REFERENCES clusters(id),
  kind          TEXT NOT NULL CHECK (kind IN ('Pod', 'Service', 'Endpoints', 'EndpointSlice')),
  uid           TEXT NOT NULL,
  namespace     TEXT NOT NULL,
  name          TEXT NOT NULL,
  last_position INTEGER NOT NULL,
  alive         INTEGER NOT NULL CHECK (alive IN (0, 1)),
  UNIQUE (cluster_id, kind, uid)
);
CREATE INDEX objects_alive ON objects (cluster_id, kind, alive);

-- One row per change we learned about. (object_id, resource_version) = (cluster, kind, uid, rv) is unique:
-- a re-delivery is a no-op. `object` is the slim JSON, raw-deflated against `base_position`'s object
-- (a delta) or against the static dictionary when base_position is NULL (a key frame).
CREATE TABLE events (
  position         INTEGER PRIMARY KEY,
  object_id        INTEGER NOT NULL REFERENCES objects(id),
  resource_version TEXT NOT NULL,
  type             TEXT NOT NULL CHECK (type IN ('ADDED', 'MODIFIED', 'DELETED')),
  source           TEXT NOT NULL CHECK (source IN ('watch', 'relist', 'import')),
  observed_at      INTEGER NOT NULL,
  not_before       INTEGER,
  occurred_at      INTEGER,
  hash             TEXT NOT NULL,
  base_position    INTEGER,
  object           BLOB NOT NULL,
  UNIQUE (object_id, resource_version)
);

CREATE VIEW events_v AS
  SELECT e.position, c.name AS cluster, o.kind, o.uid, o.namespace, o.name, e.resource_version, e.type,
         e.source, e.observed_at, e.not_before, e.occurred_at, e.hash
    FROM events e JOIN objects o ON o.id = e.object_id JOIN clusters c ON c.id = o.cluster_id;

-- Watch resume point per (cluster, kind), written in the same transaction as the events it follows.
CREATE TABLE watch_cursors (
  cluster_id       INTEGER NOT NULL REFERENCES clusters(id),
  kind             TEXT NOT NULL CHECK (kind IN ('Pod', 'Service', 'Endpoints', 'EndpointSlice')),
  resource_version TEXT NOT NULL,
  updated_at       INTEGER NOT NULL,
  PRIMARY KEY (cluster_id, kind)
) WITHOUT ROWID;

-- Periods during which the recorder held a live, consistent view of (cluster, kind). The complement is a gap.
CREATE TABLE coverage (
  id           INTEGER PRIMARY KEY,
  cluster_id   INTEGER NOT NULL REFERENCES clusters(id),
  kind         TEXT NOT NULL CHECK (kind IN ('Pod', 'Service', 'Endpoints', 'EndpointSlice')),
  started_at   INTEGER NOT NULL,
  ended_at     INTEGER,
  start_reason TEXT NOT NULL,
  end_reason   TEXT,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX coverage_by_kind ON coverage (cluster_id, kind, started_at);

-- ---------------------------------------------------------------- projections
-- Half-open validity intervals [valid_from, valid_to); valid_to = 9007199254740991 while open.

CREATE TABLE projection_checkpoints (
  name     TEXT PRIMARY KEY,
  position INTEGER NOT NULL
) WITHOUT ROWID;

-- (cluster, namespace, service name): a service deleted and re-created keeps one history.
CREATE TABLE service_keys (
  id         INTEGER PRIMARY KEY,
  cluster_id INTEGER NOT NULL REFERENCES clusters(id),
  namespace  TEXT NOT NULL,
  name       TEXT NOT NULL,
  -- first observed_at of a slice / an Endpoints object for this service (the source choice at T)
  first_slice_at     INTEGER,
  first_endpoints_at INTEGER,
  UNIQUE (cluster_id, namespace, name)
);

CREATE TABLE port_sets (
  id    INTEGER PRIMARY KEY,
  ports TEXT NOT NULL UNIQUE
);

CREATE TABLE endpoint_members (
  id               INTEGER PRIMARY KEY,
  service_id       INTEGER NOT NULL REFERENCES service_keys(id),
  source           TEXT NOT NULL CHECK (source IN ('EndpointSlice', 'Endpoints')),
  ip               TEXT NOT NULL,
  target_uid       TEXT,
  target_kind      TEXT,
  target_namespace TEXT,
  target_name      TEXT,
  ready            INTEGER NOT NULL,
  serving          INTEGER NOT NULL,
  terminating      INTEGER NOT NULL,
  node_name        TEXT,
  zone             TEXT,
  hostname         TEXT,
  port_set_id      INTEGER NOT NULL REFERENCES port_sets(id),
  valid_from       INTEGER NOT NULL,
  valid_to         INTEGER NOT NULL,
  from_position    INTEGER NOT NULL,
  to_position      INTEGER
);
CREATE INDEX endpoint_members_to ON endpoint_members (service_id, source, valid_to, valid_from);
CREATE INDEX endpoint_members_from ON endpoint_members (service_id, source, valid_from, valid_to);
CREATE INDEX endpoint_members_target ON endpoint_members (target_uid, valid_from) WHERE target_uid IS NOT NULL;

CREATE TABLE pod_ips (
  id            INTEGER PRIMARY KEY,
  cluster_id    INTEGER NOT NULL REFERENCES clusters(id),
  ip            TEXT NOT NULL,
  pod_uid       TEXT NOT NULL,
  namespace     TEXT NOT NULL,
  name          TEXT NOT NULL,
  node_name     TEXT,
  valid_from    INTEGER NOT NULL,
  valid_to      INTEGER NOT NULL,
  from_position INTEGER NOT NULL
);
CREATE INDEX pod_ips_by_ip ON pod_ips (ip, valid_from);

CREATE TABLE pod_states (
  id            INTEGER PRIMARY KEY,
  cluster_id    INTEGER NOT NULL REFERENCES clusters(id),
  uid           TEXT NOT NULL,
  namespace     TEXT NOT NULL,
  name          TEXT NOT NULL,
  phase         TEXT,
  ready         INTEGER NOT NULL,
  node_name     TEXT,
  ips           TEXT NOT NULL,
  owner_kind    TEXT,
  owner_name    TEXT,
  created_at    INTEGER,
  deleting_at   INTEGER,
  restarts      INTEGER NOT NULL,
  -- 1 when the row was closed by the pod's deletion
  ended_by_delete INTEGER NOT NULL DEFAULT 0,
  valid_from    INTEGER NOT NULL,
  valid_to      INTEGER NOT NULL,
  from_position INTEGER NOT NULL
);
CREATE INDEX pod_states_by_uid ON pod_states (uid, valid_from);
CREATE INDEX pod_states_by_name ON pod_states (cluster_id, namespace, name, valid_from);

CREATE TABLE service_states (
  id                INTEGER PRIMARY KEY,
  service_id        INTEGER NOT NULL REFERENCES service_keys(id),
  uid               TEXT NOT NULL,
  type              TEXT NOT NULL,
  cluster_ip        TEXT,
  selector          TEXT,
  ports             TEXT NOT NULL,
  publish_not_ready INTEGER NOT NULL,
  valid_from        INTEGER NOT NULL,
  valid_to          INTEGER NOT NULL,
  from_position     INTEGER NOT NULL
);
CREATE INDEX service_states_by_service ON service_states (service_id, valid_from);

-- Rows that were open at a prune cutoff: the starting point a rebuild replays from after a prune.
CREATE TABLE projection_baseline (
  cluster_id INTEGER NOT NULL REFERENCES clusters(id),
  cutoff     INTEGER NOT NULL,
  projection TEXT NOT NULL,
  row        TEXT NOT NULL
);
CREATE TABLE prune_floors (
  cluster_id INTEGER PRIMARY KEY REFERENCES clusters(id),
  cutoff     INTEGER NOT NULL
);
