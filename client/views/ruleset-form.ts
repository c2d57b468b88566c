/**
 * Metode's "Lagre regelsett" (admin only; a note for the others): saves the parameters on screen (the chosen rule set with
 * the first-day and threshold overrides) under a new name via POST /api/rulesets, then reloads the
 * metadata so the new rule set is in the selector, chosen.
 */
import type { RuleParams, RuleSet } from '../../pipelines/query/contract.ts';
import { post } from '../api/client.ts';
import { RuleSetSaved } from '../api/schemas.ts';
import { slugify } from '../shape/slug.ts';
import type { State } from '../state/url.ts';
import { h, status } from '../ui/dom.ts';
import { maySaveRuleSets, signedIn, withheldText } from './access.ts';
import type { Ctx } from './context.ts';

/** A rule-set id from a display name (re-exported: the form and its test use it from here). */
export { slugify };

/** The parameters the page shows: the rule set's, with the URL's overrides on top. */
export function currentParams(ruleSet: RuleSet | undefined, state: Pick<State, 'firstDayFree' | 'minHours'>): RuleParams {
  const base: RuleParams = ruleSet?.params ?? { firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true };
  return {
    ...base,
    ...(state.firstDayFree === undefined ? {} : { firstDayFree: state.firstDayFree }),
    ...(state.minHours === undefined ? {} : { minHoursPerDay: state.minHours }),
  };
}

/**
 * The form, or for whom the server does not let save (maySaveRuleSets: an admin's) a note that it
 * needs the role admin. `params()` reads the page's current state.
 */
export async function ruleSetForm(ctx: Ctx, params: () => RuleParams): Promise<HTMLElement> {
  const me = await signedIn(ctx);
  if (!maySaveRuleSets(me)) return h('p', { class: 'note no-print', 'data-testid': 'ruleset-withheld' }, withheldText(me, 'Lagring av nye regelsett', 'admin'));
  const name = h('input', { type: 'text', name: 'regelsett-navn', maxlength: 120, required: true, autocomplete: 'off' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Lagre regelsett');
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const form = h('form', { class: 'controls ruleset-form', 'data-testid': 'ruleset-form' },
    h('label', { class: 'field' }, h('span', {}, 'Navn på nytt regelsett'), name), save, result);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = name.value.trim();
    const id = slugify(text);
    if (!text || !id) return void result.replaceChildren(status('error', 'Skriv et navn med minst én bokstav eller ett siffer.'));
    save.disabled = true;
    result.replaceChildren(status('loading', `Lagrer «${text}» …`));
    void post(RuleSetSaved, '/api/rulesets', { id, name: text, params: params() })
      .then((saved) => ctx.reload({ rules: saved.id, minHours: undefined, firstDayFree: undefined }))
      .catch((err: Error) => {
        result.replaceChildren(status('error', `Regelsettet ble ikke lagret: ${err.message}`));
        save.disabled = false;
      });
  });
  return form;
}
