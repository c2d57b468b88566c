/**
 * Rule sets: named, versioned, stored in the database (table rule_set, seeded with the three
 * presets by pipelines/derive/schema.sql). A query names a rule set by id ("fakturagrunnlag",
 * latest version) or id@version ("mitt-sett@2"), and may override firstDayFree / minHours.
 */
import { z } from 'zod';
import type { UskDb } from '../db/open.ts';
import { ensureDerivedSchema } from '../derive/schema.ts';
import { DEFAULT_RULE_SET, ReconcileQuery, RuleParams, RuleSet } from './contract.ts';
import { RuleSetError, UnknownRuleSetError } from './errors.ts';

interface RuleSetRow {
  id: string;
  version: number;
  name: string;
  first_day_free: boolean;
  min_hours_per_day: number;
  notification_gate: boolean;
  municipality_ready_gate: boolean;
  headline: string;
  preset: boolean;
  created_at: string;
}

const SELECT_RULE_SETS = `SELECT id, version, name, first_day_free, min_hours_per_day, notification_gate,
  municipality_ready_gate, headline, preset, strftime(created_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS created_at
  FROM rule_set`;

function toRuleSet(r: RuleSetRow): RuleSet {
  return RuleSet.parse({
    id: r.id,
    name: r.name,
    version: r.version,
    preset: r.preset,
    createdAt: r.created_at,
    params: {
      firstDayFree: r.first_day_free,
      minHoursPerDay: r.min_hours_per_day,
      notificationGate: r.notification_gate,
      municipalityReadyGate: r.municipality_ready_gate,
      headline: r.headline === 'timebasert' ? 'timebasert' : 'betalbar',
    },
  });
}

/** The latest version of every rule set, presets first. */
export async function listRuleSets(db: UskDb): Promise<RuleSet[]> {
  await ensureDerivedSchema(db);
  const rows = await db.all<RuleSetRow>(`${SELECT_RULE_SETS}
    QUALIFY row_number() OVER (PARTITION BY id ORDER BY version DESC) = 1
    ORDER BY NOT preset, CASE id WHEN '${DEFAULT_RULE_SET}' THEN 0 WHEN 'dips' THEN 1 ELSE 2 END, name`);
  return rows.map(toRuleSet);
}

/** One rule set: 'id' (latest version) or 'id@version'. */
export async function getRuleSet(db: UskDb, ref: string): Promise<RuleSet> {
  await ensureDerivedSchema(db);
  const [id = '', version] = ref.split('@');
  const rows = await db.all<RuleSetRow>(
    `${SELECT_RULE_SETS} WHERE id = $id ${version ? 'AND version = $version' : ''} ORDER BY version DESC LIMIT 1`,
    version ? { id, version: Number(version) } : { id },
  );
  if (rows[0]) return toRuleSet(rows[0]);
  throw new UnknownRuleSetError(ref, (await listRuleSets(db)).map((r) => r.id));
}

export const NewRuleSet = z.object({
  id: RuleSet.shape.id,
  name: RuleSet.shape.name,
  params: RuleParams,
});
export type NewRuleSet = z.input<typeof NewRuleSet>;

/** Saves a custom rule set; an existing id gets a new version. Presets cannot be overwritten. */
export async function saveRuleSet(db: UskDb, input: NewRuleSet): Promise<RuleSet> {
  await ensureDerivedSchema(db);
  const { id, name, params } = NewRuleSet.parse(input);
  const [existing] = await db.all<{ preset: boolean; version: number }>(
    `SELECT bool_or(preset) AS preset, max(version)::INTEGER AS version FROM rule_set WHERE id = $id HAVING count(*) > 0`, { id });
  if (existing?.preset) throw new RuleSetError(`«${id}» er et forhåndsdefinert regelsett og kan ikke endres; lagre under et annet navn`);
  const version = (existing?.version ?? 0) + 1;
  await db.run(`INSERT INTO rule_set VALUES ($id, $version, $name, $fdf, $minh, $ng, $mg, $headline, false, current_timestamp)`, {
    id, version, name, fdf: params.firstDayFree, minh: params.minHoursPerDay, ng: params.notificationGate,
    mg: params.municipalityReadyGate, headline: params.headline ?? 'betalbar',
  });
  return getRuleSet(db, `${id}@${version}`);
}

/** The rule set a query runs under, after its overrides. */
export interface EffectiveRules {
  ruleSet: RuleSet;
  params: RuleParams;
  overrides: { firstDayFree?: boolean; minHoursPerDay?: number };
  /** What every report and export prints: name, version and any override. */
  label: string;
}

export async function resolveRules(db: UskDb, input: ReconcileQuery): Promise<EffectiveRules> {
  const q = ReconcileQuery.parse(input);
  const ruleSet = await getRuleSet(db, q.rules);
  const overrides: EffectiveRules['overrides'] = {};
  if (q.firstDayFree !== undefined && q.firstDayFree !== ruleSet.params.firstDayFree) overrides.firstDayFree = q.firstDayFree;
  if (q.minHours !== undefined && q.minHours !== ruleSet.params.minHoursPerDay) overrides.minHoursPerDay = q.minHours;
  const params = { ...ruleSet.params, ...overrides };
  const notes = [
    overrides.firstDayFree !== undefined ? `første døgn ${overrides.firstDayFree ? 'fritt' : 'betalbart'}` : '',
    overrides.minHoursPerDay !== undefined ? `minst ${String(overrides.minHoursPerDay).replace('.', ',')} timer per døgn` : '',
  ].filter(Boolean);
  const label = `${ruleSet.name}, versjon ${ruleSet.version}${notes.length ? ` med ${notes.join(' og ')}` : ''}`;
  return { ruleSet, params, overrides, label };
}
