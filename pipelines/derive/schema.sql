-- Derived tables of USK-analyse (owned by pipelines/derive and pipelines/query).
-- Everything here is rebuilt from the *_current source views by refreshDerived(); nothing here is
-- a source of truth except rule_set (application data). Applied idempotently.
--
-- The stay-day table holds the classification's INPUTS (hours, gate flags), never its outputs, so
-- a different rule set is a query over usk_day, not a rebuild (domain.md "Rule sets").

-- Wall-clock → instant is usk_oslo_instant in pipelines/db/schema.sql (one home for the DST rule).

CREATE TABLE IF NOT EXISTS derive_state (
  derive_version  INTEGER NOT NULL,
  last_batch_id   INTEGER NOT NULL,     -- every batch up to this one is reflected below
  refreshed_at    TIMESTAMPTZ NOT NULL,
  mode            VARCHAR NOT NULL,     -- 'full' | 'incremental'
  crosswalk_hash  UBIGINT,              -- ref_kommune's mapping when usk_cube_current was built
  payment_start_hash UBIGINT            -- ref_payment_start when usk_day was built (it is baked in)
);

-- Instants in the derived tables are BIGINT microseconds since the epoch (UTC), not TIMESTAMPTZ:
-- with ICU loaded, arithmetic and date parts on TIMESTAMPTZ go through the time-zone calendar and
-- cost 10–1000× more than integer arithmetic. Time-zone work is done once per date (usk_calendar)
-- and once per distinct as-of, never per row.

-- One civil date in Europe/Oslo as an instant range: 23 h in spring, 25 h in autumn.
CREATE TABLE IF NOT EXISTS usk_calendar (
  dato       DATE PRIMARY KEY,
  start_us   BIGINT NOT NULL,           -- local midnight as an instant
  end_us     BIGINT NOT NULL            -- next local midnight
);

-- USK periods built from HN-LIS events (exports.md "hnlis-hendelser").
CREATE TABLE IF NOT EXISTS usk_period (
  stay_id         VARCHAR NOT NULL,
  period_no       INTEGER NOT NULL,     -- 1.. in time order within the stay
  kommunenr       VARCHAR NOT NULL,     -- the stay's (DIPS row where present, else events)
  fagomrade       VARCHAR NOT NULL,
  t_ready_local   TIMESTAMP NOT NULL,
  t_ready_us      BIGINT NOT NULL,
  t_notified_local TIMESTAMP,           -- first code 3, never before t_ready; NULL = not notified
  t_notified_us   BIGINT,
  t_mready_local  TIMESTAMP,            -- first code 7 (kommunen kan ta imot); NULL = none
  t_mready_us     BIGINT,
  t_end_local     TIMESTAMP NOT NULL,   -- code 4 / UT, or the stay's latest extract as-of
  t_end_us        BIGINT NOT NULL,
  end_code        VARCHAR,              -- '4' | 'UT' | NULL (pågående)
  pagaende        BOOLEAN NOT NULL,
  hours           DOUBLE NOT NULL,      -- real hours of [t_ready, t_end)
  first_date      DATE NOT NULL,
  registered_days INTEGER NOT NULL      -- dates the period touches
);

-- One row per stay × USK period × calendar date the period touches.
CREATE TABLE IF NOT EXISTS usk_day (
  stay_id         VARCHAR NOT NULL,
  period_no       INTEGER NOT NULL,
  dato            DATE NOT NULL,
  month           DATE NOT NULL,        -- first of dato's month (attribution)
  kommunenr       VARCHAR NOT NULL,     -- as registered on the stay's source row
  fagomrade       VARCHAR NOT NULL,
  hours           DOUBLE NOT NULL,      -- hours of [t_ready, t_end) on this date
  h_notified      DOUBLE NOT NULL,      -- … of [t_notified, t_end)          (notification gate)
  h_until_mready  DOUBLE NOT NULL,      -- … of [t_ready, min(t_end, t_mready)) (municipality gate)
  h_window        DOUBLE NOT NULL,      -- … of [t_notified, min(t_end, t_mready)) (both gates)
  before_payment  BOOLEAN NOT NULL,     -- before the care area's payment obligation began (ref_payment_start; no row = never began)
  pre_notif       BOOLEAN NOT NULL,     -- no notification, or date before the notification's date
  post_mready     BOOLEAN NOT NULL,     -- on or after the date of t_mready
  -- The first free day's candidates, never before_payment: a period that began before the payment
  -- obligation has its first date left on the obligation's first date (query/README.md decision 32).
  first_notified  BOOLEAN NOT NULL,     -- the later of the notification's date and the payment start
  first_obligated BOOLEAN NOT NULL      -- the later of the period's first date and the payment start
);

-- One row per stay known in DIPS or HN-LIS.
CREATE TABLE IF NOT EXISTS usk_stay (
  stay_id            VARCHAR NOT NULL,
  patient_pseudonym  VARCHAR,           -- from DIPS (HN-LIS carries none)
  kommunenr          VARCHAR NOT NULL,
  fagomrade          VARCHAR NOT NULL,
  in_dips            BOOLEAN NOT NULL,
  in_hnlis           BOOLEAN NOT NULL,
  dips_days          INTEGER,           -- NULL when not in DIPS
  recomputed_days    INTEGER NOT NULL,
  pagaende           BOOLEAN NOT NULL,
  usk_fra            DATE,              -- first USK date (DIPS Utskrivningsklar or HN-LIS code 2)
  usk_til            DATE               -- last: DIPS's last counted date or the HN-LIS period end
);

-- Registered days per stay × month with the two source-level bridge categories.
CREATE TABLE IF NOT EXISTS usk_stay_month (
  stay_id         VARCHAR NOT NULL,
  month           DATE NOT NULL,
  kommunenr       VARCHAR NOT NULL,
  fagomrade       VARCHAR NOT NULL,
  dips_days       INTEGER,              -- walked DIPS dates in this month; NULL when not in DIPS
  recomputed_days INTEGER NOT NULL,
  registrert      INTEGER NOT NULL,     -- DIPS where present, else recomputed
  avvik_dips      INTEGER NOT NULL,     -- DIPS − recomputed (stays in both)
  uten_tidspunkt  INTEGER NOT NULL      -- DIPS days of stays without HN-LIS events
);

-- Current invoice lines with their attribution (month of from_date).
CREATE TABLE IF NOT EXISTS usk_invoice (
  invoice_no    VARCHAR NOT NULL,
  invoice_date  DATE NOT NULL,
  stay_id       VARCHAR,
  stay_known    BOOLEAN NOT NULL,
  kommunenr     VARCHAR NOT NULL,
  fagomrade     VARCHAR NOT NULL,
  month         DATE NOT NULL,
  from_date     DATE NOT NULL,
  to_date       DATE NOT NULL,
  days          INTEGER NOT NULL,
  amount        DOUBLE NOT NULL,
  rate          DOUBLE,
  line_type     VARCHAR NOT NULL
);

-- The reconciliation cube: one row per registered municipality × care area × month with every
-- rule-independent sum, and the day counts each gate / first-day combination needs. With
-- usk_short_day it answers any rule set without touching usk_day (pipelines/query/classify.ts).
CREATE TABLE IF NOT EXISTS usk_cube (
  cube_id            INTEGER NOT NULL,  -- dense 0.., the join key of usk_short_day
  kommunenr          VARCHAR NOT NULL,
  fagomrade          VARCHAR NOT NULL,
  month              DATE NOT NULL,
  registrert         INTEGER NOT NULL,
  avvik_dips         INTEGER NOT NULL,
  uten_tidspunkt     INTEGER NOT NULL,
  n_days             INTEGER NOT NULL,  -- recomputed (classifiable) days
  n_unpaid           INTEGER NOT NULL,  -- before_payment; every count and hour sum below is over the other days
  n_pre              INTEGER NOT NULL,  -- pre_notif
  n_post             INTEGER NOT NULL,  -- post_mready
  n_post_notified    INTEGER NOT NULL,  -- post_mready AND NOT pre_notif
  n_first            INTEGER NOT NULL,  -- first_obligated
  n_first_open       INTEGER NOT NULL,  -- first_obligated AND NOT post_mready
  n_notif_first      INTEGER NOT NULL,  -- first_notified
  n_notif_first_open INTEGER NOT NULL,  -- first_notified AND NOT post_mready
  h_all              DOUBLE NOT NULL,
  h_notified         DOUBLE NOT NULL,
  h_until_mready     DOUBLE NOT NULL,
  h_window           DOUBLE NOT NULL,
  fakturert          INTEGER NOT NULL,
  belop              DOUBLE NOT NULL
);

-- The same cube by today's municipality (the crosswalk of ref_kommune applied), so that the default
-- grouping needs no regrouping at query time. Rebuilt with usk_cube; derive_state.crosswalk_hash
-- notices a changed crosswalk.
CREATE TABLE IF NOT EXISTS usk_cube_current AS SELECT * FROM usk_cube LIMIT 0;

-- Days shorter than 24 hours (only they can fall under a threshold of at most 24 h), with their
-- gate flags as bits: 1 pre_notif, 2 post_mready, 4 first_notified, 8 first_obligated. Days before
-- the payment obligation are left out: they are ikke_betalingsplikt under every rule set. Stored in
-- hours order so that "hours < threshold" reads only the first row groups.
CREATE TABLE IF NOT EXISTS usk_short_day (
  cube_id  INTEGER NOT NULL,
  cube_current_id INTEGER NOT NULL,
  hours    DOUBLE NOT NULL,
  flags    UTINYINT NOT NULL
);

-- Data-quality findings that do not depend on a rule set.
CREATE TABLE IF NOT EXISTS usk_finding (
  code       VARCHAR NOT NULL,
  severity   VARCHAR NOT NULL,          -- 'info' | 'advarsel' | 'feil'
  stay_id    VARCHAR,
  kommunenr  VARCHAR,
  periode    VARCHAR,                   -- YYYY-MM where it has one
  message    VARCHAR NOT NULL
);

-- Rule sets: named, versioned; presets are seeded and cannot be overwritten.
CREATE TABLE IF NOT EXISTS rule_set (
  id                      VARCHAR NOT NULL,
  version                 INTEGER NOT NULL,
  name                    VARCHAR NOT NULL,
  first_day_free          BOOLEAN NOT NULL,
  min_hours_per_day       DOUBLE NOT NULL,
  notification_gate       BOOLEAN NOT NULL,
  municipality_ready_gate BOOLEAN NOT NULL,
  headline                VARCHAR NOT NULL DEFAULT 'betalbar',  -- 'betalbar' | 'timebasert'
  preset                  BOOLEAN NOT NULL,
  created_at              TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
  PRIMARY KEY (id, version)
);
INSERT OR IGNORE INTO rule_set VALUES
  ('dips',            1, 'DIPS (alle påbegynte døgn)',    false, 0, false, false, 'betalbar',   true, TIMESTAMPTZ '2026-01-01 00:00:00+00'),
  ('fakturagrunnlag', 1, 'Fakturagrunnlag (UNN-praksis)', true,  0, true,  true,  'betalbar',   true, TIMESTAMPTZ '2026-01-01 00:00:00+00'),
  ('timebasert',      1, 'Timebasert',                    false, 0, true,  true,  'timebasert', true, TIMESTAMPTZ '2026-01-01 00:00:00+00');

-- Real hours of the overlap of [s1, e1) and [s2, e2), instants in microseconds. Never negative.
-- Callers pass non-NULL bounds: DuckDB's least/greatest skip NULLs, which would widen a window.
CREATE OR REPLACE MACRO usk_overlap_hours(s1, e1, s2, e2) AS
  greatest(0, least(e1, e2) - greatest(s1, s2)) / 3600000000.0;
