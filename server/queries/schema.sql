-- Server-owned application tables (audit log, annotations, finished uploads). Applied idempotently at server start.
-- Kept beside the server's queries because only the server writes them; see pipelines/db/schema.sql
-- for every shared table.

CREATE SEQUENCE IF NOT EXISTS audit_id_seq START 1;
CREATE TABLE IF NOT EXISTS audit_log (   -- Normen: who saw or changed what, and when
  audit_id    BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
  logged_at   TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
  user_id     VARCHAR NOT NULL,          -- 'local:<name>', 'oidc:<sub>', 'cli:<os user>', 'demo', or the attempted name
  role        VARCHAR,
  action      VARCHAR NOT NULL,          -- 'sign-in', 'sign-in-failed', 'sign-out', 'stay-view', 'export', 'upload', ...
  target      VARCHAR,                   -- e.g. the route, the stay id, the export file name
  filters     JSON,                      -- the validated query parameters
  client_ip   VARCHAR,
  outcome     VARCHAR NOT NULL DEFAULT 'ok'
);

-- Journal segments (server/http/audit.ts) already moved into audit_log, so a crash between that
-- commit and deleting the file cannot import them twice. Emptied at every start.
CREATE TABLE IF NOT EXISTS audit_journal_segment (
  segment     VARCHAR PRIMARY KEY,
  imported_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE IF NOT EXISTS annotation_id_seq START 1;
CREATE TABLE IF NOT EXISTS annotation (  -- a dated note shown on charts and in exports
  annotation_id INTEGER PRIMARY KEY DEFAULT nextval('annotation_id_seq'),
  dato          DATE NOT NULL,
  kommunenr     VARCHAR,                 -- 2024 number; NULL = applies to all municipalities
  fagomrade     VARCHAR,                 -- NULL = all care areas
  text          VARCHAR NOT NULL,
  created_by    VARCHAR NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
  deleted_at    TIMESTAMPTZ              -- soft delete: exports made earlier stay explainable
);

-- Uploads through the server (Last opp) once finished, as the server answered for them (file names
-- and messages masked; server/uploads/jobs.ts): a refused file is no batch, so this is where Last
-- opp's list of earlier uploads finds it after a restart.
CREATE TABLE IF NOT EXISTS upload_job (
  job_id      VARCHAR PRIMARY KEY,
  user_id     VARCHAR NOT NULL,
  answer      JSON NOT NULL,             -- the upload's UploadJobResponse (server/schemas.ts)
  finished_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
