import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { loadSources } from '../derive/test-support.ts';
import { listRuleSets, reconcile, resolveRules, RuleSetError, saveRuleSet, UnknownRuleSetError } from './index.ts';

let db: UskDb;
beforeAll(async () => {
  db = await openDatabase(':memory:');
  await loadSources(db, { events: [
    { stay: 'E', code: '2', at: '2023-03-25 20:00' }, { stay: 'E', code: '3', at: '2023-03-25 20:00' },
    { stay: 'E', code: 'UT', at: '2023-03-27 08:00' }] });
});
afterAll(() => db.close());

describe('rule sets', () => {
  it('has the three presets, stored in the database', async () => {
    const sets = await listRuleSets(db);
    expect(sets.map((s) => [s.id, s.name, s.version, s.preset])).toEqual([
      ['fakturagrunnlag', 'Fakturagrunnlag (UNN-praksis)', 1, true],
      ['dips', 'DIPS (alle påbegynte døgn)', 1, true],
      ['timebasert', 'Timebasert', 1, true],
    ]);
    expect(sets[0]!.params).toEqual({ firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true, headline: 'betalbar' });
    expect(sets[1]!.params).toMatchObject({ firstDayFree: false, notificationGate: false, municipalityReadyGate: false });
    expect(sets[2]!.params).toMatchObject({ firstDayFree: false, notificationGate: true, municipalityReadyGate: true, headline: 'timebasert' });
  });

  it('saves custom rule sets as new versions; presets cannot be overwritten', async () => {
    const params = { firstDayFree: true, minHoursPerDay: 10, notificationGate: true, municipalityReadyGate: true };
    const v1 = await saveRuleSet(db, { id: 'ti-timer', name: 'Minst 10 timer', params });
    const v2 = await saveRuleSet(db, { id: 'ti-timer', name: 'Minst 10 timer', params: { ...params, firstDayFree: false } });
    expect([v1.version, v2.version, v2.preset]).toEqual([1, 2, false]);
    expect((await reconcile(db, { rules: 'ti-timer' }))[0]).toMatchObject({ betalbar: 1, under_terskel: 2, forste_dogn: 0 });
    expect((await reconcile(db, { rules: 'ti-timer@1' }))[0]).toMatchObject({ betalbar: 1, under_terskel: 1, forste_dogn: 1 });
    await expect(saveRuleSet(db, { id: 'fakturagrunnlag', name: 'x', params })).rejects.toBeInstanceOf(RuleSetError);
  });

  it('resolves overrides and names them', async () => {
    const r = await resolveRules(db, { rules: 'fakturagrunnlag', minHours: 10, firstDayFree: true });
    expect(r.params.minHoursPerDay).toBe(10);
    expect(r.overrides).toEqual({ minHoursPerDay: 10 });
    expect(r.label).toBe('Fakturagrunnlag (UNN-praksis), versjon 1 med minst 10 timer per døgn');
    expect((await resolveRules(db, {})).label).toBe('Fakturagrunnlag (UNN-praksis), versjon 1');
    await expect(resolveRules(db, { rules: 'finnes-ikke' })).rejects.toBeInstanceOf(UnknownRuleSetError);
  });

  it('a different rule set is a query over the same derived rows, not a rebuild', async () => {
    const [before] = await db.all<{ t: string }>(`SELECT refreshed_at::VARCHAR AS t FROM derive_state`);
    await reconcile(db, { minHours: 5 });
    const [after] = await db.all<{ t: string }>(`SELECT refreshed_at::VARCHAR AS t FROM derive_state`);
    expect(after).toEqual(before);
  });
});
