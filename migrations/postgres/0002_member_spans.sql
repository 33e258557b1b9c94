-- endpoints(at) reads the members alive at T through one bounded index range per span class instead of
-- every member row since the recording began (see src/store/memberSpans.ts, which holds these widths:
-- a test checks the two agree). Open rows (valid_to is the open end) are class 0 with the rows of 99 days
-- or more.
ALTER TABLE endpoint_members ADD COLUMN span_class smallint GENERATED ALWAYS AS (
  CASE WHEN valid_to - valid_from < 512 THEN 1
      WHEN valid_to - valid_from < 4096 THEN 2
      WHEN valid_to - valid_from < 32768 THEN 3
      WHEN valid_to - valid_from < 262144 THEN 4
      WHEN valid_to - valid_from < 2097152 THEN 5
      WHEN valid_to - valid_from < 16777216 THEN 6
      WHEN valid_to - valid_from < 134217728 THEN 7
      WHEN valid_to - valid_from < 1073741824 THEN 8
      WHEN valid_to - valid_from < 8589934592 THEN 9
      ELSE 0 END
) STORED;
CREATE INDEX endpoint_members_span ON endpoint_members (cluster_id, service_id, source, span_class, valid_from);
