-- A test-only migration that takes a few seconds: CrashIT kills the process that applies it.
-- Incompressible digests make DuckDB write block after block while the transaction is still open.
CREATE TABLE slow_rows AS
SELECT range AS id, md5(CAST(range AS VARCHAR)) AS digest, md5(CAST(range * 7 AS VARCHAR)) AS digest2
FROM range(1500000);
