-- Least-privilege database roles for a fleet store (docs/fleet.md). Plain SQL, idempotent: run it
-- as a superuser (or a role with CREATEROLE that owns the database), connected to the fleet database,
--   psql -v ON_ERROR_STOP=1 "postgres://postgres@db:5432/endpoints_history" -f deploy/fleet/roles.sql
-- before the first `endpoints-history migrate`, and again after every `migrate` of a new release (it
-- grants what new tables need; running it twice changes nothing). Then give the login roles passwords:
--   ALTER ROLE eph_owner PASSWORD '…'; ALTER ROLE eph_recorder PASSWORD '…'; ALTER ROLE eph_reader PASSWORD '…';
--
-- eph_owner     owns the schema's tables: `migrate`, `rebuild`, `prune`, `copy`, `backup` (pg_dump).
-- eph_recorder  `record`: reads every table, inserts and updates the ones the write path writes;
--               never deletes, truncates or creates anything.
-- eph_reader    `serve` and every query command: SELECT only, and its sessions are read-only.
--
-- The tables live in schema `public` (endpoints-history uses the connection's current schema).

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eph_owner') THEN
    CREATE ROLE eph_owner LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eph_recorder') THEN
    CREATE ROLE eph_recorder LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eph_reader') THEN
    CREATE ROLE eph_reader LOGIN;
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO eph_owner, eph_recorder, eph_reader', current_database());
  -- PostgreSQL ≥ 15 no longer lets every role create in `public`: the owner must be allowed to
  EXECUTE format('GRANT CREATE ON DATABASE %I TO eph_owner', current_database());
END
$$;

-- The reader cannot write even if asked to: every transaction of its sessions is read-only.
ALTER ROLE eph_reader SET default_transaction_read_only = on;
-- A recorder waiting on a lock longer than this is stuck, not slow (it retries with backoff).
ALTER ROLE eph_recorder SET lock_timeout = '10s';

GRANT USAGE, CREATE ON SCHEMA public TO eph_owner;
GRANT USAGE ON SCHEMA public TO eph_recorder, eph_reader;
REVOKE CREATE ON SCHEMA public FROM eph_recorder, eph_reader;

-- Tables `migrate` creates later (run as eph_owner): readable by both, written by the recorder.
ALTER DEFAULT PRIVILEGES FOR ROLE eph_owner IN SCHEMA public
  GRANT SELECT ON TABLES TO eph_reader, eph_recorder;
ALTER DEFAULT PRIVILEGES FOR ROLE eph_owner IN SCHEMA public
  GRANT INSERT, UPDATE ON TABLES TO eph_recorder;
ALTER DEFAULT PRIVILEGES FOR ROLE eph_owner IN SCHEMA public
  GRANT USAGE ON SEQUENCES TO eph_recorder;

-- The tables migrations/postgres creates (whoever created them: a schema migrated by another role
-- before this script ran gets the same grants). Tables not there yet are skipped: the default
-- privileges above cover them once eph_owner creates them.
DO $$
DECLARE
  t text;
  seq text;
  -- written by the recorder's write path (one transaction per batch)
  written constant text[] := ARRAY[
    'clusters', 'cluster_clocks', 'objects', 'events', 'watch_cursors', 'coverage',
    'projection_checkpoints', 'service_keys', 'port_sets', 'endpoint_members', 'pod_ips',
    'pod_states', 'service_states'];
  -- read by everyone, written only by eph_owner (migrate, prune, rebuild)
  maintained constant text[] := ARRAY['schema_migrations', 'projection_baseline', 'prune_floors'];
BEGIN
  FOREACH t IN ARRAY written || maintained LOOP
    CONTINUE WHEN to_regclass(format('public.%I', t)) IS NULL;
    EXECUTE format('GRANT SELECT ON public.%I TO eph_reader, eph_recorder', t);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.%I FROM eph_reader', t);
    IF t = ANY (written) THEN
      EXECUTE format('GRANT INSERT, UPDATE ON public.%I TO eph_recorder', t);
      -- identity columns (clusters.cluster_id, coverage.id) draw from a sequence
      FOR seq IN
        SELECT pg_get_serial_sequence(format('public.%I', t), a.attname)
          FROM pg_attribute a
         WHERE a.attrelid = format('public.%I', t)::regclass AND a.attnum > 0 AND NOT a.attisdropped
      LOOP
        CONTINUE WHEN seq IS NULL;
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO eph_recorder', seq);
      END LOOP;
    ELSE
      EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.%I FROM eph_recorder', t);
    END IF;
    EXECUTE format('REVOKE DELETE, TRUNCATE ON public.%I FROM eph_recorder', t);
  END LOOP;
END
$$;
