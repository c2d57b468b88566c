import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { norwegianCommander, norwegianError } from './norwegian.ts';
import { registerDemoCommands } from './demo.ts';
import { registerExportCommands } from './export.ts';
import { registerIngestCommands } from './ingest.ts';
import { registerServeCommands } from './serve.ts';
import { registerSnapshotCommands } from './snapshot.ts';
import { registerFindingsCommands } from './findings.ts';

/** commander's English, as it would show in a help text. */
const ENGLISH = /Usage:|Options:|Commands:|Arguments:|display help|default:|choices:|\[options\]|\[command\]|<(?:path|dir|file|n?umber)>/;

function program(): Command {
  const p = norwegianCommander(new Command()).name('usk');
  registerIngestCommands(p);
  registerExportCommands(p);
  registerDemoCommands(p);
  registerServeCommands(p);
  registerSnapshotCommands(p);
  registerFindingsCommands(p);
  return p;
}

/** Every command under `c`, itself included. */
const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];

describe('commander in Norwegian', () => {
  it('every help text is in Norwegian: headings, usage, choices, defaults, the help option and command', () => {
    const p = program();
    for (const c of all(p)) expect(c.helpInformation(), c.name()).not.toMatch(ENGLISH);
    const top = p.helpInformation();
    expect(top).toMatch(/^Bruk: usk \[valg\] \[kommando\]/);
    expect(top).toContain('help [kommando]');
    expect(top).toContain('-h, --help');
    const reconciliation = p.commands.find((c) => c.name() === 'export')!.commands.find((c) => c.name() === 'reconciliation')!;
    expect(reconciliation.helpInformation()).toMatch(/--format <format> +utdataformat \(én av json, csv, xlsx; standard: csv\)/);
    // --as-of wins over a DIPS report's Utskriftsdato (load/as-of.ts statedAsOf), and its time is optional.
    const ingest = p.commands.find((c) => c.name() === 'ingest')!.helpInformation().replace(/\s+/g, ' ');
    expect(ingest).toContain('--as-of <tidspunkt> uttrekkets tidspunkt (åååå-mm-dd, dd.mm.åååå eller dd.mm.åå, eventuelt med klokkeslett tt:mm[:ss]); gjelder foran en utskriftsdato i filen');
    expect(ingest).not.toContain('når filen ikke oppgir det');
    const exp = p.commands.find((c) => c.name() === 'export')!;
    // The snapshot's placeholders too (an error quotes them: «--out <mappe>» må oppgis).
    expect(exp.commands.find((c) => c.name() === 'snapshot')!.helpInformation()).toMatch(/--db <fil>[\s\S]*--out <mappe>/);
    // `export days` accepts --by but has one row per date: its help says so rather than offer a default.
    const days = exp.commands.find((c) => c.name() === 'days')!.helpInformation();
    expect(days).toMatch(/--by <periode> +godtas, men har ingen virkning her/);
    expect(days).not.toMatch(/--by[^\n]*\n?[^\n]*standard: month/);
  });

  it('says each usage error in Norwegian, with commander\'s suggestion', () => {
    const cases: Array<[string, string]> = [
      ["error: missing required argument 'fil'", 'usk: mangler argumentet «fil»'],
      ["error: required option '--out <dir>' not specified", 'usk: valget «--out <dir>» må oppgis'],
      ["error: option '--db <fil>' argument missing", 'usk: valget «--db <fil>» mangler en verdi'],
      ["error: option '--format <format>' argument 'x' is invalid. Allowed choices are json, csv, xlsx.", 'usk: «x» er ikke en gyldig verdi for «--format <format>»: velg en av json, csv, xlsx'],
      ["error: option '--port <n>' argument 'x' is invalid. forventet et portnummer 0–65535", 'usk: «x» er ikke en gyldig verdi for «--port <n>»: forventet et portnummer 0–65535'],
      ["error: unknown option '--fromat'\n(Did you mean --format?)", 'usk: ukjent valg «--fromat» (mente du --format?)'],
      ["error: unknown option '--tx'\n(Did you mean one of --to, --by?)", 'usk: ukjent valg «--tx» (mente du --to eller --by?)'],
      ["error: unknown command 'eksport'\n(Did you mean export?)", 'usk: ukjent kommando «eksport» (mente du export?)'],
      ["error: too many arguments for 'batches'. Expected 0 arguments but got 1.", 'usk: for mange argumenter til «batches»: ventet 0, fikk 1'],
      ['error: something commander says one day', 'usk: something commander says one day'],
      // A fødselsnummer typed as a value is not echoed.
      ["error: option '--profile <profil>' argument '01017012345' is invalid. Allowed choices are dips-usk, hnlis-hendelser, faktura.", 'usk: «***********» er ikke en gyldig verdi for «--profile <profil>»: velg en av dips-usk, hnlis-hendelser, faktura'],
      ["error: unknown option '--010170 12345'", 'usk: ukjent valg «--***********»'],
    ];
    for (const [english, norwegian] of cases) expect(norwegianError(`${english}\n`)).toBe(`${norwegian}\n`);
  });
});
