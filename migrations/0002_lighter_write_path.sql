-- A lighter write path: fewer pages dirtied per appended event (each batch's commit writes every page it
-- touched to the WAL, and most of the write path's time at a million events was spent there).

-- 1. No pointer to each object's latest event, updated on every append (one random objects page per
--    event, for a value read only at open). The store derives it when it opens: MAX(position) per
--    object_id, a covering scan of the events' unique (object_id, resource_version) index; whether the
--    object is alive is that event's type.
DROP INDEX objects_alive;
ALTER TABLE objects DROP COLUMN last_position;
ALTER TABLE objects DROP COLUMN alive;

-- 2. Pods by name through the objects table, written once per pod, instead of an index over every pod
--    state row (one random page per pod change): queries by name find the pod's uids there, then
--    their states by uid.
DROP INDEX pod_states_by_name;
CREATE INDEX objects_by_name ON objects (cluster_id, kind, namespace, name);
