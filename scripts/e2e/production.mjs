// Browser tests against the server in production mode (run by scripts/test-e2e.mjs after the demo
// tests, over the same database): the sign-in page, local users, roles in the header, sign-out.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { contrastProblems, overflowX } from './a11y.mjs';
import { IDP_SCOPE, signInAtIdp } from './idp.mjs';

/** The hospital's provider in these tests (scripts/e2e/idp.mjs): its client and its one user. */
export const OIDC_CLIENT = { clientId: 'usk-analyse', clientSecret: randomBytes(24).toString('hex') };
export const OIDC_ACCOUNTS = { 'ola.sykehus': { name: 'Ola Sykehus', groups: ['alle-ansatte', 'usk-lesere'] } };

const PASSWORD = 'riktig-passord-for-e2e';

/** A local users file, the provider (`issuer`, callbacks to `base`), and a production configuration in `dir`; returns its path. */
export async function writeProductionConfig(dir, { issuer, base }) {
  const usersFile = join(dir, 'users.json');
  writeFileSync(usersFile, JSON.stringify([
    { username: 'kari', name: 'Kari Analytiker', role: 'analytiker', passwordHash: await hash(PASSWORD) },
    { username: 'ada', name: 'Ada Admin', role: 'admin', passwordHash: await hash(PASSWORD) },
  ]));
  const config = join(dir, 'config.json');
  const oidc = {
    issuer, ...OIDC_CLIENT, redirectUri: `${base}/api/auth/oidc/callback`, scope: IDP_SCOPE,
    roleGroups: { leser: ['usk-lesere'], analytiker: ['usk-analyse'], admin: ['usk-admin'] },
  };
  // A small upload limit (2 MB), so that the page's check before sending can be tried with a small file.
  writeFileSync(config, JSON.stringify({ auth: { usersFile, oidc }, sessionSecret: randomBytes(32).toString('hex'), trustProxy: 'loopback', uploadMaxBytes: 2 * 1024 * 1024 }));
  return config;
}

const ready = (page, value) => page.waitForFunction((v) => document.body.dataset.ready !== undefined && (v === undefined || document.body.dataset.ready === v), value, { timeout: 30_000 });

/** Signs in through the page's form and waits for the view asked for. */
async function signIn(page, base, username, search = '') {
  await page.goto(`${base}/${search}`);
  await ready(page, 'sign-in');
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', PASSWORD);
  await Promise.all([page.waitForEvent('load'), page.click('[data-testid="local-login"] button[type="submit"]')]);
  await page.waitForFunction(() => !['sign-in', undefined].includes(document.body.dataset.ready), null, { timeout: 30_000 });
}

export const productionTests = [
  {
    name: 'Innlogging: uten innlogging vises innloggingssiden; feil passord gir norsk melding; riktig gir dashbordet med navn og rolle; «Logg ut» logger ut',
    run: async ({ page, base }) => {
      await page.goto(`${base}/?vis=kommuner`);
      await ready(page, 'sign-in');
      assert.equal(await page.locator('h1').textContent(), 'Logg inn');
      assert.equal(await page.locator('[data-testid="oidc-login"]').textContent(), 'Logg inn med sykehuskontoen');
      assert.equal(await page.locator('[data-testid="local-login"]').count(), 1, 'skjemaet for lokale brukere ved siden av');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'oidc-login', 'fokus på sykehusinnloggingen');

      await page.fill('input[name="username"]', 'kari');
      await page.fill('input[name="password"]', 'feil-passord');
      await page.click('[data-testid="local-login"] button[type="submit"]');
      await page.locator('[data-testid="local-login"] [role="alert"]').waitFor();
      assert.equal(await page.locator('[data-testid="local-login"] [role="alert"]').textContent(), 'Feil brukernavn eller passord.');
      assert.equal(await page.inputValue('input[name="password"]'), '', 'passordet tømmes');
      assert.deepEqual(await page.evaluate(contrastProblems), [], 'AA-kontrast på innloggingssiden');
      const o = await page.evaluate(overflowX);
      assert.ok(o.scrollWidth <= o.innerWidth, `vannrett rulling: ${o.scrollWidth} > ${o.innerWidth}`);

      await page.fill('input[name="password"]', PASSWORD);
      await Promise.all([page.waitForEvent('load'), page.click('[data-testid="local-login"] button[type="submit"]')]);
      await page.waitForFunction(() => !['sign-in', undefined].includes(document.body.dataset.ready), null, { timeout: 30_000 });
      assert.equal(page.url(), `${base}/?vis=kommuner`, 'tilbake til visningen som ble bedt om');
      assert.notEqual(await page.evaluate(() => document.body.dataset.ready), 'error');
      assert.ok(await page.locator('[data-testid="ssu-table"], table.data').count() > 0, 'Kommuner-visningen har tabellen sin');
      await page.locator('[data-testid="user"]').waitFor();
      assert.match(await page.locator('[data-testid="user"]').textContent(), /Kari Analytiker \(analytiker\)/);
      assert.deepEqual(await page.evaluate(contrastProblems), [], 'AA-kontrast med navnet og «Logg ut» i toppfeltet');
      const cookies = await page.context().cookies(base);
      const sid = cookies.find((c) => c.name === '__Host-usk.sid');
      assert.ok(sid?.secure && sid.httpOnly && sid.sameSite === 'Strict', 'sesjonskapselen er __Host-, Secure, HttpOnly og SameSite=Strict');

      await Promise.all([page.waitForURL(`${base}/`), page.click('[data-testid="sign-out"]')]);
      await ready(page, 'sign-in');
      const meta = await page.evaluate(async () => (await fetch('/api/meta')).status);
      assert.equal(meta, 401, 'etter utlogging gir API-et 401');
    },
  },
  {
    name: 'Innlogging: en mislykket innlogging hos sykehuset vises med fast norsk tekst, aldri tekst fra adressen',
    run: async ({ page, base }) => {
      await page.goto(`${base}/?innlogging=ingen-tilgang`);
      await ready(page, 'sign-in');
      assert.match(await page.locator('.sign-in [role="alert"]').textContent(), /ikke i noen gruppe med tilgang til USK-analyse/);
      await page.goto(`${base}/?innlogging=${encodeURIComponent('Ring 815 00 000 for hjelp')}`);
      await ready(page, 'sign-in');
      const text = await page.locator('.sign-in [role="alert"]').textContent();
      assert.equal(text, 'Innloggingen mislyktes. Start på nytt.');
    },
  },
  {
    name: 'Innlogging: en administrator laster opp en fil gjennom siden (CSRF og sesjon i produksjon); en analytiker får norsk beskjed om at rollen er for lav',
    run: async ({ page, base, tmp }) => {
      const lines = readFileSync(join(import.meta.dirname, '../../data/demo/faktura-2025.csv'), 'utf8').split(/\r?\n/);
      const file = join(tmp, 'faktura-produksjon.csv');
      // One line with a date that does not exist (a reject), one whose amount is not days × rate (a warning).
      const cells = (i) => lines[i].split(';');
      const bad = cells(21); bad[7] = '31.11.2024';
      const odd = cells(22); odd[10] = 'kr 1,00';
      writeFileSync(file, [lines[0], lines[20], bad.join(';'), odd.join(';'), ...lines.slice(23, 26)].join('\r\n') + '\r\n');
      await signIn(page, base, 'ada', '?vis=last-opp');
      assert.equal(await page.locator('[data-testid=demo-upload-note]').count(), 0, 'ingen demomerknad med innlogging');
      await page.locator('input[name=fil]').setInputFiles(file);
      const box = page.locator('section.upload[data-file="faktura-produksjon.csv"]');
      assert.match(await box.locator('[data-testid=preview-profile]').innerText(), /Profil: faktura/);
      // Watch the box for the progress bar, and count the status polls, from before the click.
      await box.evaluate((el) => {
        window.sawProgress = false;
        new MutationObserver(() => { if (el.querySelector('progress')) window.sawProgress = true; }).observe(el, { subtree: true, childList: true });
      });
      const polls = [];
      page.on('request', (r) => { if (r.method() === 'GET' && /\/api\/uploads\/[0-9a-f-]{36}$/.test(r.url())) polls.push(r.url()); });
      await box.getByRole('button', { name: 'Send til serveren' }).click();
      await box.locator('[data-testid=upload-result]').waitFor({ timeout: 60_000 });
      assert.match(await box.locator('[data-testid=upload-result]').innerText(), /^Lest inn som batch \d+ \(faktura\): 6 rader lest, 5 lastet, 1 avvist\.$/);
      // As the CLI says it: the as-of and where it came from, the warnings, the reasons, and where to see the rest.
      assert.match(await box.locator('[data-testid=upload-as-of]').innerText(), /^Uttrekket gjelder per \d\d\.\d\d\.\d{4}/);
      assert.match(await box.locator('[data-testid=upload-warnings]').innerText(), /Beløp/);
      assert.match(await box.locator('[data-testid=rejects]').innerText(), /31\.11\.2024/);
      assert.equal(await box.locator('[data-testid=upload-to-quality]').getAttribute('href'), '/?vis=kvalitet');
      assert.equal(await page.evaluate(() => window.sawProgress), true, 'en <progress> ble vist mens filen ble sendt og lest inn');
      const steps = (await box.getAttribute('data-steps')).split(',');
      assert.equal(steps[0], 'sender', `stegene: ${steps}`);
      assert.ok(steps.some((x) => ['kø', 'starter', 'leser', 'validerer', 'laster', 'utleder'].includes(x)), `serverens steg ble vist: ${steps}`);
      assert.equal(steps.at(-1), 'ferdig', `pollingen endte i resultatet: ${steps}`);
      assert.ok(polls.length >= 1 && Number(await box.getAttribute('data-polls')) === polls.length, `status ble polt (${polls.length} ganger)`);
      assert.equal(await box.locator('progress').count(), 0, 'fremdriften er byttet ut med resultatet');
      // A file over the server's limit is not sent at all: the page says so at once, in megabytes, with what to do.
      const big = join(tmp, 'faktura-stor.csv');
      writeFileSync(big, [lines[0], ...Array.from({ length: 30_000 }, () => lines[20])].join('\r\n') + '\r\n');
      await page.locator('input[name=fil]').setInputFiles(big);
      const bigBox = page.locator('section.upload[data-file="faktura-stor.csv"]');
      const sent = [];
      page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/uploads')) sent.push(r.url()); });
      await bigBox.getByRole('button', { name: 'Send til serveren' }).click();
      assert.match(await bigBox.locator('.status.error').innerText(), /^Filen ble ikke sendt: Filen er større enn grensen på 2\u00a0MB; ingenting er lastet\. Del filen/);
      assert.deepEqual(sent, [], 'ingenting ble sendt');
      // «Valg for innlesingen»: strict refuses the whole file for its one rejected row, as «usk ingest --strict» does.
      const strictFile = join(tmp, 'faktura-streng.csv');
      writeFileSync(strictFile, [lines[0], lines[24], bad.join(';')].join('\r\n') + '\r\n');
      await page.locator('input[name=fil]').setInputFiles(strictFile);
      const strictBox = page.locator('section.upload[data-file="faktura-streng.csv"]');
      await strictBox.locator('summary').click();
      await strictBox.locator('[data-testid=upload-strict]').check();
      await strictBox.getByRole('button', { name: 'Send til serveren' }).click();
      await strictBox.locator('.status.error').waitFor({ timeout: 60_000 });
      assert.match(await strictBox.locator('.status.error').innerText(), /--strict: 1 rad ville blitt avvist, så filen er ikke lastet/);
      // An XLSX file is not previewed: the page says the server checks it when sent, and the server's refusal is shown.
      const sheet = join(tmp, 'feil.xlsx');
      writeFileSync(sheet, 'foo;bar;baz\n1;2;3\n');
      await page.locator('input[name=fil]').setInputFiles(sheet);
      const sheetBox = page.locator('section.upload[data-file="feil.xlsx"]');
      assert.match(await sheetBox.locator('[data-testid=preview-xlsx]').innerText(), /serveren kontrollerer filen når du sender den/);
      await sheetBox.getByRole('button', { name: 'Send til serveren' }).click();
      await sheetBox.locator('.status.error').waitFor({ timeout: 60_000 });
      assert.match(await sheetBox.locator('.status.error').innerText(), /ikke lest inn|feilet/);
      assert.equal((await sheetBox.getAttribute('data-steps')).split(',').at(-1), 'ferdig', 'også den dårlige filen ble fulgt til svaret');
      assert.deepEqual(await page.evaluate(contrastProblems), [], 'AA-kontrast etter opplasting');
      // Opened again, the page lists what was sent since the server started, a refused file too (it is no batch).
      await page.goto(`${base}/?vis=last-opp`);
      await page.locator('[data-testid=earlier-uploads]').waitFor({ timeout: 30_000 });
      const earlier = await page.locator('[data-testid=earlier-uploads] tbody').innerText();
      assert.match(earlier, /faktura-streng\.csv[^\n]*ikke lest inn: .*--strict/);
      assert.match(earlier, /faktura-produksjon\.csv[^\n]*batch \d+: 6 rader lest, 5 lastet, 1 avvist/);

      await page.context().clearCookies();
      await signIn(page, base, 'kari');
      await page.locator('[data-testid="user"]').waitFor();
      // «Notatbøker» only when they are built (npm run notebooks), which this run does not do.
      assert.deepEqual(await page.locator('#nav a').allInnerTexts(), ['Månedsoversikt', 'Kommuner', 'Avstemming', 'Metode', 'Datakvalitet', 'Presentasjon'], 'menyen tilbyr ikke «Last opp» til en analytiker, og ikke notatbøker som ikke er bygd');
      // Straight to the address: the server refuses, and the page says why.
      await page.goto(`${base}/?vis=last-opp`);
      await ready(page);
      await page.locator('input[name=fil]').setInputFiles(file);
      const refused = page.locator('section.upload[data-file="faktura-produksjon.csv"]');
      await refused.getByRole('button', { name: 'Send til serveren' }).click();
      await refused.locator('.status.error').waitFor({ timeout: 30_000 });
      assert.match(await refused.locator('.status.error').innerText(), /rollen din er for lav/);
    },
  },
  {
    name: 'Før betalingsplikt: en TSB-periode over nyttår 2018/2019 lastet opp gjennom siden viser 30. og 31. desember som «Før betalingsplikt» i Avstemming, og ingen betalbare døgn i 2018',
    run: async ({ page, base, tmp }) => {
      // HN-LIS as its extract writes it: ready and notified 30.12.2018 10:00, discharged 02.01.2019 10:00.
      const file = join(tmp, 'hnlis-tsb-2018.csv');
      writeFileSync(file, [
        'OppholdsID,Kommunenr,Fagomraade,Hendelseskode,Hendelse,Tidspunkt,Uttrekk',
        'TSB2018,5501,TSB,2,Utskrivningsklar,30.12.2018 10:00,05.01.2019 06:00',
        'TSB2018,5501,TSB,3,Varslet kommune,30.12.2018 10:00,05.01.2019 06:00',
        'TSB2018,5501,TSB,UT,Utskrevet,02.01.2019 10:00,05.01.2019 06:00',
      ].join('\r\n') + '\r\n');
      await signIn(page, base, 'ada', '?vis=last-opp');
      await page.locator('input[name=fil]').setInputFiles(file);
      const box = page.locator('section.upload[data-file="hnlis-tsb-2018.csv"]');
      await box.getByRole('button', { name: 'Send til serveren' }).click();
      await box.locator('[data-testid=upload-result]').waitFor({ timeout: 60_000 });
      assert.match(await box.locator('[data-testid=upload-result]').innerText(), /\(hnlis-hendelser\): 3 rader lest, 3 lastet, 0 avvist/);
      await page.goto(`${base}/?vis=avstemming&kommune=5501&fagomrade=psykiatri&fra=2018-12&til=2018-12`);
      await ready(page);
      const bridge = await page.locator('[data-testid=bridge-table]').innerText();
      // The bridge takes the two days away on the way from registered to payable.
      assert.match(bridge, /Registrerte døgn\s*2\s*Før betalingsplikt\s*−2\s*Betalbare døgn\s*0/, `broen: ${bridge}`);
      // The header may break at its soft hyphen (betalings\u00ADplikt): read without it.
      const month = (await page.locator('[data-testid=month-table]').innerText()).replaceAll('\u00ad', '');
      assert.match(month, /Før betalingsplikt/, 'månedstabellen har kolonnen når utvalget har slike døgn');
      // With the extra column the table still fits its box at 1440 px and at 1280×720 (a projector): the amounts at its right end are not cut off.
      for (const size of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
        await page.setViewportSize(size);
        const fit = await page.locator('[data-testid=month-table]').evaluate((t) => ({ scroll: t.parentElement.scrollWidth, client: t.parentElement.clientWidth, ths: [...t.querySelectorAll('thead th')].map((th) => `${th.textContent}:${Math.round(th.getBoundingClientRect().width)}`).join(' | ') }));
        assert.ok(fit.scroll <= fit.client + 1, `månedstabellen får plass uten vannrett rulling ved ${size.width} px: ${JSON.stringify(fit)}`);
      }
    },
  },
  {
    name: 'Versjoner: et nyere HN-LIS-uttrekk lastet opp uten et opphold det eldre hadde (rettet Oppholds-ID) gir en advarsel ved opplastingen og funnet «opphold-mangler-i-nyere» i Datakvalitet, med oppholdet',
    run: async ({ page, base, tmp }) => {
      // Two versions of one extract, as HN-LIS writes them; the newer has the stay E2E-GML under a new id.
      const extract = (name, asOf, stays) => {
        writeFileSync(join(tmp, name), [
          'OppholdsID,Kommunenr,Fagomraade,Hendelseskode,Hendelse,Tidspunkt,Uttrekk',
          ...stays.flatMap(([id, ready, out]) => [`${id},1902,Somatikk,2,Utskrivningsklar,${ready},${asOf}`, `${id},1902,Somatikk,UT,Utskrevet,${out},${asOf}`]),
        ].join('\r\n') + '\r\n');
        return join(tmp, name);
      };
      const kept = [['E2E-A1', '01.03.2017 10:00', '03.03.2017 10:00'], ['E2E-A2', '05.03.2017 10:00', '08.03.2017 10:00']];
      const files = [
        extract('hnlis-2017-03-a.csv', '10.03.2017 06:00', [...kept, ['E2E-GML', '02.03.2017 10:00', '04.03.2017 10:00']]),
        extract('hnlis-2017-03-b.csv', '12.03.2017 06:00', [...kept, ['E2E-NY', '02.03.2017 10:00', '04.03.2017 10:00']]),
      ];
      await signIn(page, base, 'ada', '?vis=last-opp');
      for (const file of files) {
        await page.locator('input[name=fil]').setInputFiles(file);
        const box = page.locator(`section.upload[data-file="${basename(file)}"]`);
        await box.getByRole('button', { name: 'Send til serveren' }).click();
        await box.locator('[data-testid=upload-result]').waitFor({ timeout: 60_000 });
      }
      const warnings = await page.locator('section.upload[data-file="hnlis-2017-03-b.csv"] [data-testid=upload-warnings]').innerText();
      assert.match(warnings, /1 opphold fra batch \d+ \(første hendelse 02\.03\.2017; Oppholds-ID E2E-GML\) er ikke med i dette uttrekket/, warnings);
      await page.goto(`${base}/?vis=kvalitet&funn=opphold-mangler-i-nyere`);
      await ready(page);
      const rows = await page.locator('[data-testid=findings-table] tbody tr').allInnerTexts();
      assert.equal(rows.length, 1, rows.join('\n'));
      assert.match(rows[0], /E2E-GML/);
      assert.match(rows[0], /er ikke med i et nyere uttrekk/);
    },
  },
  {
    name: 'Innlogging: «Logg inn med sykehuskontoen» går via sykehusets innlogging (et annet nettsted) og tilbake til visningen, med rollen fra gruppen; en leser får i hver visning tallene uten nedlastinger, lenker eller forespørsler serveren nekter og uten feil, og en setning der noe krever rollen analytiker (eller admin)',
    run: async ({ page, base, errors }) => {
      await page.goto(`${base}/?vis=kommuner`);
      await ready(page, 'sign-in');
      const before = errors.length;
      await page.click('[data-testid="oidc-login"]');
      await page.waitForURL((u) => u.hostname === 'localhost'); // the provider's own login page
      await signInAtIdp(page, 'ola.sykehus');
      await page.waitForURL(`${base}/?vis=kommuner`, { timeout: 20_000 }); // back to the view asked for
      // The provider's own pages ask the internet for fonts and a favicon, which this machine cannot
      // reach: their console errors are not ours. Everything from here on counts again.
      errors.splice(before);
      await page.waitForFunction(() => !['sign-in', undefined].includes(document.body.dataset.ready), null, { timeout: 30_000 });
      await page.locator('[data-testid="user"]').waitFor();
      assert.match(await page.locator('[data-testid="user"]').textContent(), /Ola Sykehus \(leser\)/);
      assert.deepEqual(await page.locator('#nav a').allInnerTexts(), ['Månedsoversikt', 'Kommuner', 'Avstemming', 'Metode', 'Datakvalitet', 'Presentasjon'], 'en leser får verken «Last opp» eller notatbøkene i menyen');
      assert.notEqual(await page.evaluate(() => document.body.dataset.ready), 'error');
      // In Avstemming the figures a leser may see, and nothing the server refuses: no file (every export
      // is an analytiker's), and a sentence where the stays are (per-stay data) instead of an error.
      const refused = [];
      page.on('response', (r) => { if (r.status() === 403) refused.push(r.url()); });
      await page.goto(`${base}/?vis=avstemming&kommune=1806&fra=2022-01&til=2022-12`);
      await ready(page);
      assert.notEqual(await page.evaluate(() => document.body.dataset.ready), 'error', 'Avstemming tegnes uten feil for en leser');
      assert.equal(await page.locator('main .status.error').count(), 0);
      await page.locator('[data-testid=bridge-table]').waitFor({ state: 'attached' }); // the figures came, and the session with them
      assert.equal(await page.locator('[data-testid=month-table]').count(), 1, 'månedstabellen');
      assert.deepEqual(await page.locator('a[href*="/api/exports/"]').evaluateAll((as) => as.map((a) => a.textContent)), [], 'ingen nedlasting serveren nekter en leser');
      assert.equal(await page.locator('[data-testid=stays-withheld]').innerText(), 'Listen over oppholdene bak tallene, opphold for opphold, krever rollen analytiker.');
      assert.equal(await page.locator('[data-testid=stays]').count(), 0);
      assert.deepEqual(refused, [], 'ingen forespørsel ble nektet');
      // Every other view the menu offers a leser: what is wrong in each, all of it at once.
      const problems = [];
      for (const [view, withheld] of LESER_VIEWS) {
        refused.length = 0;
        await page.goto(`${base}/?vis=${view}`);
        await ready(page);
        const said = [];
        for (const id of withheld) {
          const note = page.locator(`[data-testid=${id}]`);
          // Some views say it only once the session answered, after the figures.
          const text = await note.waitFor({ timeout: 10_000 }).then(() => note.innerText(), () => null);
          if (!text || !/krever rollen (analytiker|admin)\.$/.test(text)) said.push(`${id}: ${text ?? 'mangler'}`);
        }
        const found = {
          error: await page.evaluate(() => document.body.dataset.ready) === 'error' ? ['data-ready=error'] : [],
          status: await page.locator('main .status.error').allInnerTexts(),
          exports: await page.locator('a[href*="/api/exports/"]').allInnerTexts(),
          // Links to a stay (opphold=) or to the stays behind a difference (bare=differanse): a leser is not given the stays.
          stays: await page.locator('main a[href*="opphold="], main a[href*="bare=differanse"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
          refused: [...refused],
          withheld: said,
        };
        for (const [kind, list] of Object.entries(found)) if (list.length) problems.push(`${view} ${kind}: ${list.slice(0, 3).join(' | ')}`);
      }
      assert.deepEqual(problems, [], `en leser får ingen feil, nektet forespørsel eller lenke i noen visning: ${problems.join(' ¶ ')}`);
    },
  },
];

/** The views a leser is given (the menu's), and the test ids of what each says it withholds and why. */
const LESER_VIEWS = [
  ['oversikt', ['stays-withheld']],
  ['kommuner', ['downloads-withheld']],
  ['avstemming', ['stays-withheld']],
  ['metode', ['ruleset-withheld']],
  ['kvalitet', ['rejects-withheld', 'findings-withheld']],
  ['presentasjon', []],
];
