-- The last moment the recorder of a cluster was known alive: written with every batch it commits and every
-- few seconds while nothing changes. After a crash, the coverage left open is closed there, not at the kind's
-- last write, which for a quiet kind may be hours older.
ALTER TABLE clusters ADD COLUMN alive_at INTEGER;
