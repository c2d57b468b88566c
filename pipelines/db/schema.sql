-- USK-analyse database schema. The single description of every table shared across pipelines,
-- server and notebooks. Applied idempotently by openDatabase(); see pipelines/README.md.
--
-- Conventions
--   * Timestamps from exports are Norwegian wall-clock time and stored as TIMESTAMP ("local");
--     the matching instant is stored beside it as TIMESTAMPTZ ("*_utc") where hours are counted.
--   * fagomrade is a slug: 'somatikk' | 'psykisk-helsevern' | 'tsb'.
--   * kommunenr is always 4-character VARCHAR (leading zero kept) as written on the source row.
--   * Source tables are append-only versions: a newer row with the same natural key supersedes an
--     older one in the *_current views, and the older stays for history (exports.md).

-- Norwegian wall-clock time → instant, with the "compatible" rule of domain.md: a time in the
-- spring gap moves forward by the gap (DuckDB does that); a time in the autumn overlap takes the
-- EARLIER, summer-time instant (DuckDB alone picks the later one, so step back an hour when that
-- names the same wall-clock time). Used by ingestion (load/targets.ts) and derive.
CREATE OR REPLACE MACRO usk_oslo_instant(ts) AS CASE
  WHEN timezone('Europe/Oslo', timezone('Europe/Oslo', ts) - INTERVAL 1 HOUR) = ts THEN timezone('Europe/Oslo', ts) - INTERVAL 1 HOUR
  ELSE timezone('Europe/Oslo', ts) END;

-- ── Reference data (reloaded from data/reference/*.csv on every writable open) ──────────────────
CREATE TABLE IF NOT EXISTS ref_kommune (
  kommunenr      VARCHAR PRIMARY KEY,  -- every number that ever existed (1988–today)
  navn           VARCHAR NOT NULL,     -- name under that number
  valid_from     INTEGER,              -- first year the number was valid; NULL = before 1988
  valid_to       INTEGER,              -- last year valid; NULL = still valid
  current_nr     VARCHAR NOT NULL,     -- today's successor, renumbering chains followed to the end
  current_navn   VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS ref_kommune_change (
  year INTEGER NOT NULL, old_nr VARCHAR NOT NULL, old_navn VARCHAR, new_nr VARCHAR NOT NULL, new_navn VARCHAR
);
CREATE TABLE IF NOT EXISTS ref_rate (  -- døgnpris per USK day; a year without a row has no rate
  year INTEGER PRIMARY KEY, rate DECIMAL(12,2) NOT NULL, source VARCHAR
);
-- The date a care area's USK days became payable (law, not a rule setting): somatikk 2012,
-- psykisk helsevern and TSB 2019. A care area without a row has no payment obligation.
CREATE TABLE IF NOT EXISTS ref_payment_start (
  fagomrade VARCHAR PRIMARY KEY, from_date DATE NOT NULL, source VARCHAR
);
CREATE TABLE IF NOT EXISTS ref_catchment (  -- UNN's opptaksområde by site, 2024 numbers
  kommunenr VARCHAR NOT NULL, site VARCHAR NOT NULL
);

-- ── Provenance ───────────────────────────────────────────────────────────────────────────────
-- Which pseudonym key the database's patients were pseudonymised with: a fingerprint, not the key
-- (pseudonym/key.ts keyFingerprint). A run with another key is refused (load/ingest.ts): the same
-- patient would get a second pseudonym and be counted twice. One row, written by the first run.
-- A database of generated test data (bench:rules writes the row): only then may `--synthetic-data`
-- serve a database that holds other files than the demo's in demo mode, without sign-in. Any run of
-- usk ingest or an upload removes the row (load/ingest.ts): from then on it may hold real patients.
CREATE TABLE IF NOT EXISTS synthetic_data (
  marked_at      TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS pseudonym_key (
  fingerprint    VARCHAR NOT NULL,
  recorded_at    TIMESTAMPTZ NOT NULL
);

-- Which database this is: a random id made the first time the file is opened, never changed. A
-- snapshot records it (export/snapshot.ts), and so the notebooks built from one, so that a server
-- can tell notebooks built from its own database from ones built from the demo or another database
-- (server/notebooks.ts). A copy of the file keeps the id, as it keeps the data.
CREATE TABLE IF NOT EXISTS database_identity (
  database_id    VARCHAR NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL
);
INSERT INTO database_identity SELECT gen_random_uuid()::VARCHAR, now() WHERE NOT EXISTS (SELECT 1 FROM database_identity);

-- Batch ids are max + 1, taken inside the file's transaction (one writer): a file refused or
-- rolled back mid-way leaves no gap. (Databases from before keep an unused batch_id_seq.)
CREATE TABLE IF NOT EXISTS batch (
  batch_id       INTEGER PRIMARY KEY,
  file_name      VARCHAR NOT NULL,     -- base name of the file as handed over
  sha256         VARCHAR NOT NULL UNIQUE,
  profile        VARCHAR NOT NULL,     -- e.g. 'dips-usk'
  kind           VARCHAR NOT NULL,     -- 'periods' | 'events' | 'invoices' (which src_* table)
  encoding       VARCHAR,              -- 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'xlsx'
  delimiter      VARCHAR,
  header_line    INTEGER,
  rows_read      INTEGER NOT NULL,     -- data rows in the file (totals row and blank lines excluded)
  rows_loaded    INTEGER NOT NULL,
  rows_rejected  INTEGER NOT NULL,
  as_of          TIMESTAMP,            -- export's as-of time, local (Uttrekk, --as-of, or latest time)
  loaded_at      TIMESTAMPTZ NOT NULL,
  archive_path   VARCHAR NOT NULL      -- content-addressed copy, relative to the database's folder
);
CREATE TABLE IF NOT EXISTS reject (   -- rows that were not loaded, with why
  batch_id     INTEGER NOT NULL,
  line         INTEGER,               -- 1-based physical line in the file (xlsx: sheet row)
  column_name  VARCHAR,               -- header as written in the file; NULL for whole-row problems
  value        VARCHAR,               -- offending value; patient columns masked
  reason       VARCHAR NOT NULL,      -- Norwegian, says what was expected
  month        DATE                   -- first day of the month the row concerns (load/reject-month.ts); NULL: unknown
);
-- Databases from before the month was kept: their rejects stay of an unknown month.
ALTER TABLE reject ADD COLUMN IF NOT EXISTS month DATE;
-- The row's municipality as registered (4 digits), when it could be read: a municipality's export lists
-- the rows of its own that were not loaded (query/rejected.ts). NULL before it was kept.
ALTER TABLE reject ADD COLUMN IF NOT EXISTS kommunenr VARCHAR;
-- What identifies the rejected row and what it held, from the values that could be read: the
-- profile's natural key and totals columns («Fakturanr: 202399991; Antall døgn: 2; Beløp: 11016,00»),
-- masked as the value is; never a patient column (load/chunk.ts rowSummarySql). NULL before it was kept.
ALTER TABLE reject ADD COLUMN IF NOT EXISTS row_summary VARCHAR;
-- Stored values masked again after a mask was widened, once per widening (load/scrub.ts).
CREATE TABLE IF NOT EXISTS scrub_done (name VARCHAR PRIMARY KEY, done_at TIMESTAMPTZ NOT NULL);
CREATE TABLE IF NOT EXISTS batch_warning (  -- loaded, but worth a look
  batch_id     INTEGER NOT NULL,
  line         INTEGER,
  column_name  VARCHAR,
  code         VARCHAR NOT NULL,      -- machine-readable, e.g. 'kommunenr-utenfor-gyldighet'
  message      VARCHAR NOT NULL
);

-- ── Source rows, versioned ───────────────────────────────────────────────────────────────────
-- DIPS "Utskrivningsklare pasienter": one row per USK period. Natural key (stay_id, ready).
-- The two near-unique columns are stored uncompressed: DuckDB's analysis found no dictionary for
-- them anyway (same file size), and skipping it makes a national DIPS load about a fifth cheaper
-- in CPU (bench/RESULTS.md). The others are left to DuckDB's choice.
CREATE TABLE IF NOT EXISTS src_period (
  batch_id           INTEGER NOT NULL,
  line               INTEGER NOT NULL,
  stay_id            VARCHAR NOT NULL USING COMPRESSION uncompressed,  -- Oppholds-ID
  patient_pseudonym  VARCHAR NOT NULL USING COMPRESSION uncompressed,  -- HMAC-SHA-256 of the patient identifier, hex (never the raw id)
  kommunenr          VARCHAR NOT NULL,
  kommune_navn       VARCHAR,
  fagomrade          VARCHAR NOT NULL,
  avdeling           VARCHAR,
  admitted           TIMESTAMP,
  ready              TIMESTAMP NOT NULL, -- Utskrivningsklar (local); date-only values at 00:00
  ready_has_time     BOOLEAN NOT NULL,
  discharged         TIMESTAMP,          -- Utskrevet; NULL = still in hospital
  discharged_has_time BOOLEAN,
  usk_days           INTEGER NOT NULL    -- DIPS' own count ("registrert (DIPS)")
);
-- HN-LIS events: one row per event. Natural key (stay_id, code, at_local).
CREATE TABLE IF NOT EXISTS src_event (
  batch_id    INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  stay_id     VARCHAR NOT NULL,
  kommunenr   VARCHAR NOT NULL,
  fagomrade   VARCHAR NOT NULL,
  code        VARCHAR NOT NULL,          -- '2','3','4','6','7' (NPR typeTidspunkt) or 'UT' (utskrevet)
  at_local    TIMESTAMP NOT NULL,
  at_utc      TIMESTAMPTZ NOT NULL,      -- Europe/Oslo, "compatible" rule (gap → later, overlap → earlier)
  as_of       TIMESTAMP                  -- the extract's as-of (Uttrekk / --as-of / latest Tidspunkt)
);
-- Invoice lines. Natural key (invoice_no, stay_id, from_date, line_type), as exports.md gives it;
-- for a line without a stay also its fagomrade: an invoice may bill a municipality's somatic and
-- psychiatric days on two lines without Oppholds-ID, and the spec's key would keep only one
-- (a decision where exports.md is silent on lines without a stay).
CREATE TABLE IF NOT EXISTS src_invoice (
  batch_id      INTEGER NOT NULL,
  line          INTEGER NOT NULL,
  invoice_no    VARCHAR NOT NULL,
  invoice_date  DATE NOT NULL,
  kommunenr     VARCHAR NOT NULL,
  kommune_navn  VARCHAR,
  stay_id       VARCHAR,                 -- NULL for lines not tied to a stay
  fagomrade     VARCHAR NOT NULL,        -- default 'somatikk' when the column is absent/empty
  from_date     DATE NOT NULL,
  to_date       DATE NOT NULL,
  days          INTEGER NOT NULL,        -- negative on credit lines
  rate          DECIMAL(12,2),
  amount        DECIMAL(14,2) NOT NULL,  -- negative on credit lines
  line_type     VARCHAR NOT NULL         -- 'faktura' | 'kreditnota'
);

-- "Newer" is the export's as-of (exports.md: a newer export supersedes an older one), not the
-- order the files were loaded in: January's export loaded after February's does not undo it.
-- Equal as-of: the later batch; within a file, the later line.
CREATE OR REPLACE VIEW src_period_current AS
  SELECT s.* FROM src_period s JOIN batch b ON b.batch_id = s.batch_id
  QUALIFY row_number() OVER (PARTITION BY s.stay_id, s.ready ORDER BY b.as_of DESC NULLS LAST, s.batch_id DESC, s.line DESC) = 1;
CREATE OR REPLACE VIEW src_event_current AS
  SELECT * FROM src_event
  QUALIFY row_number() OVER (PARTITION BY stay_id, code, at_local ORDER BY as_of DESC NULLS LAST, batch_id DESC, line DESC) = 1;
CREATE OR REPLACE VIEW src_invoice_current AS
  SELECT s.* FROM src_invoice s JOIN batch b ON b.batch_id = s.batch_id
  QUALIFY row_number() OVER (PARTITION BY s.invoice_no, coalesce(s.stay_id, ''), s.from_date, s.line_type,
                                          CASE WHEN s.stay_id IS NULL THEN s.fagomrade END
                             ORDER BY b.as_of DESC NULLS LAST, s.batch_id DESC, s.line DESC) = 1;
