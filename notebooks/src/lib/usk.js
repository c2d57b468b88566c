// Helpers shared by the notebooks: reading the snapshot's Arrow tables, nb-NO formatting (the
// project's own pipelines/format, the same as the exports and the dashboard) and plain HTML tables.
// Every library is imported explicitly from node_modules: Notebook Kit's implicit globals load
// from a CDN, which this machine (and a hospital network) does not reach.
import {tableFromIPC} from "apache-arrow";
import "@observablehq/inputs/dist/index.css";
import "./usk.css";
import {dataAsOfText, formatDays, formatDecimal, formatInteger, formatKroner, formatPercent, formatPeriod, formatDateTime, MINUS} from "@usk/format";
import {BRIDGE_CATEGORIES, CARE_AREA_NAME, MEASURE_LABEL} from "@usk/labels";
import {CATEGORY_COLOR, MEASURE_COLOR} from "@usk/palette";

export {formatDays, formatDecimal, formatInteger, formatKroner, formatPercent, formatPeriod, formatDateTime};
export {invoicesMayBeIncomplete, isIncompleteMonth, latestCompleteMonth} from "@usk/comparable";

/** Rows of an Arrow IPC file as plain objects (strings and numbers; null where missing). */
export function rowsOf(buffer) {
  return tableFromIPC(new Uint8Array(buffer)).toArray().map((r) => r.toJSON());
}

/** The bridge's categories in the order of the day classification (domain.md), named and coloured as on the dashboard. */
export const KATEGORIER = BRIDGE_CATEGORIES.map((key) => ({key, navn: MEASURE_LABEL[key], farge: CATEGORY_COLOR[key]}));

/** The dashboard's colour per measure (registrert, betalbar, fakturert, timebasert). */
export const MAL_FARGE = MEASURE_COLOR;

/**
 * The categories a table or chart of these rows shows: «Før betalingsplikt» only where the rows have
 * such days (psykisk helsevern and TSB before 2019), not as a column of zeros beside every later
 * month. A category left out is 0 in every row, so the ones shown still add up to registrert.
 */
export function kategorierFor(rows) {
  return KATEGORIER.filter((k) => k.key !== "ikke_betalingsplikt" || rows.some((r) => (r[k.key] ?? 0) !== 0));
}

export const FAGOMRADE_NAVN = {somatikk: CARE_AREA_NAME.somatikk, psykiatri: CARE_AREA_NAME.psykiatri, alle: CARE_AREA_NAME.alle};

export const sum = (rows, key) => rows.reduce((s, r) => s + (r[key] ?? 0), 0);

/** A signed whole number: +43 / −5. */
export function signed(value, decimals = 0) {
  const text = formatDecimal(Math.abs(value), decimals);
  return value > 0 ? `+${text}` : value < 0 ? `${MINUS}${text}` : text;
}

/** Signed percent change: +1,4 %. */
export function signedPercent(share, decimals = 1) {
  const text = formatPercent(Math.abs(share), decimals);
  return share > 0 ? `+${text}` : share < 0 ? `${MINUS}${text}` : text;
}

const FORMATS = {
  int: (v) => (v == null ? "–" : formatInteger(v)),
  dec1: (v) => (v == null ? "–" : formatDecimal(v, 1)),
  pct: (v) => (v == null || !Number.isFinite(v) ? "–" : formatPercent(v)),
  kr: (v) => (v == null ? "mangler sats" : formatKroner(v)),
  signed: (v) => (v == null ? "–" : signed(v)),
  text: (v) => (v == null ? "" : String(v))
};

/**
 * A plain HTML table. columns: [{key, label, format: 'int'|'dec1'|'pct'|'kr'|'signed'|'text'|fn, title?, tall?}].
 * A column with a format other than 'text' is a figure (right-aligned, one line) unless tall: false.
 * total: a row for the footer. rowClass(row) gives a class per row (e.g. a check that failed).
 */
const erTall = (c) => c.tall ?? Boolean(c.format && c.format !== "text");

export function tabell(rows, columns, {caption, total, rowClass, id} = {}) {
  const table = document.createElement("table");
  table.className = "usk-tabell";
  if (id) table.id = id;
  if (caption) table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.textContent = c.label;
    if (c.title) th.title = c.title;
    if (erTall(c)) th.className = "tall";
    head.appendChild(th);
  }
  const fill = (tr, row) => {
    for (const c of columns) {
      const td = tr.insertCell();
      const f = typeof c.format === "function" ? c.format : FORMATS[c.format ?? "text"];
      const value = f(row[c.key], row);
      if (value instanceof Node) td.appendChild(value);
      else td.textContent = value;
      if (erTall(c)) td.className = "tall";
    }
  };
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    const cls = rowClass?.(row);
    if (cls) tr.className = cls;
    fill(tr, row);
  }
  if (total) fill(table.createTFoot().insertRow(), total);
  return table;
}

/** A check mark (or a cross with the difference) for a published figure against the database's. */
export function kontroll(publisert, beregnet) {
  const span = document.createElement("span");
  const ok = publisert === beregnet;
  span.className = ok ? "usk-ok" : "usk-avvik";
  span.textContent = ok ? "✓ stemmer" : `✗ avvik ${signed(beregnet - publisert)}`;
  return span;
}

/** A small box of headline figures: [{label, value, note?}]. */
export function nokkeltall(items) {
  const div = document.createElement("div");
  div.className = "usk-nokkeltall";
  for (const item of items) {
    const box = div.appendChild(document.createElement("div"));
    box.appendChild(document.createElement("span")).textContent = item.label;
    box.appendChild(document.createElement("strong")).textContent = item.value;
    if (item.note) box.appendChild(document.createElement("small")).textContent = item.note;
  }
  return div;
}

/** "Data per …" line from the snapshot's metadata, worded as on the dashboard and in the exports. */
export const dataPer = (snapshot) => dataAsOfText(snapshot.metadata.asOf);

/**
 * Where a notebook's figures come from, as each states it: when the snapshot was taken, from which
 * database file, at which data version (the latest batch id, as the XLSX exports' «Dataversjon (siste innleste fil)»).
 */
export const kilde = (snapshot) =>
  `øyeblikksbilde laget ${new Date(snapshot.createdAt).toLocaleString("nb-NO", {timeZone: "Europe/Oslo"})} fra ${snapshot.source}, dataversjon ${formatInteger(snapshot.dataVersion)}`;

/** Severity as a reader sees it (findings' titles come with the snapshot: pipelines/query/finding-titles.ts). */
export const ALVOR_NAVN = {feil: "Feil", advarsel: "Advarsel", info: "Info"};

let lerret;
/** Width in px of the widest text in Plot's default font (10 px system-ui). */
export function tekstbredde(tekster, font = "10px system-ui, sans-serif") {
  lerret ??= document.createElement("canvas").getContext("2d");
  lerret.font = font;
  return Math.ceil(Math.max(0, ...[...tekster].map((t) => lerret.measureText(String(t ?? "")).width)));
}
/** A margin that fits these axis labels (tick, padding), never under `min`. */
export const marg = (tekster, min = 40) => Math.max(min, tekstbredde(tekster) + 16);

/** Plot's tip options for the notebooks' Norwegian titles (wider lines than Plot's 20 ems). */
export const TIP = {lineWidth: 40};

/** Axis ticks in nb-NO (Plot's default is en-US: "16,000"). */
export const tickInt = (d) => (Number.isInteger(d) ? formatInteger(d) : "");
export const tickPct = (d) => formatPercent(d, 0);
