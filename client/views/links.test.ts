import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseState, toSearch, withChanges } from '../state/url.ts';
import { avstemmingChanges, avstemmingTitle } from './links.ts';

describe('links to Avstemming', () => {
  it('names the municipality and the period, and starts the stays on page 1', () => {
    const from = parseState('?vis=kommuner&fagomrade=somatikk&side=3&fra=2021-01');
    expect(toSearch(withChanges(from, avstemmingChanges('5501', '2022-01', '2022-12')))).toBe('?vis=avstemming&kommune=5501&fra=2022-01&til=2022-12&fagomrade=somatikk');
    expect(toSearch(withChanges(DEFAULTS, avstemmingChanges('1806', '2023-03', '2023-03')))).toBe('?vis=avstemming&kommune=1806&fra=2023-03&til=2023-03');
  });
  it('a finding about a stay passes the stay id (opphold=…); a link without one drops it', () => {
    const search = toSearch(withChanges(parseState('?vis=kvalitet'), avstemmingChanges('5501', '2023-03', '2023-03', '49999991')));
    expect(search).toBe('?vis=avstemming&kommune=5501&fra=2023-03&til=2023-03&opphold=49999991');
    expect(parseState(search).stay).toBe('49999991');
    expect(toSearch(withChanges(parseState(search), avstemmingChanges('1806', '2023-03', '2023-03')))).not.toContain('opphold');
  });
  it('says where the link goes', () => {
    expect(avstemmingTitle('Narvik', '2023-03', '2023-03')).toBe('Avstemming for Narvik, mars 2023');
    expect(avstemmingTitle('Tromsø', '2022-01', '2022-12')).toBe('Avstemming for Tromsø, januar 2022–desember 2022');
  });
});
