/**
 * commander in bokmål: its help (headings, usage, defaults and choices, the help option and
 * command) and its usage errors. commander writes these itself in English; the rest of the CLI
 * speaks Norwegian, and a user should not meet «error: required option … not specified» in one.
 * Settings given to the program are inherited by every command made after it (copyInheritedSettings),
 * so this is applied once, before any command is registered.
 */
import { Help, type Command, type Option } from 'commander';
import { maskIdentifiers } from '../db/errors.ts';

const TITLES: Record<string, string> = {
  'Usage:': 'Bruk:',
  'Options:': 'Valg:',
  'Commands:': 'Kommandoer:',
  'Arguments:': 'Argumenter:',
  'Global Options:': 'Globale valg:',
};

/** commander's own placeholders in a usage line. */
const usageWords = (text: string) => text.replace('[options]', '[valg]').replace('[command]', '[kommando]');

const list = (values: readonly unknown[]) => values.map(String).join(', ');

/** An option's description with its choices and default in Norwegian: «utdataformat (én av json, csv, xlsx; standard: csv)». */
function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`én av ${list(option.argChoices)}`);
  // As commander: a default is shown for an option that takes a value, not for a flag.
  if (option.defaultValue !== undefined && (option.required || option.optional)) {
    extra.push(`standard: ${option.defaultValueDescription ?? (Array.isArray(option.defaultValue) ? option.defaultValue.join('–') : String(option.defaultValue))}`);
  }
  return extra.length ? `${option.description} (${extra.join('; ')})`.trim() : option.description;
}

/** Usage errors commander writes, in Norwegian; its message is kept only if none of these matches. */
const ERRORS: ReadonlyArray<[RegExp, (...m: string[]) => string]> = [
  [/^error: missing required argument '(.+?)'/, (a) => `mangler argumentet «${a}»`],
  [/^error: required option '(.+?)' not specified/, (o) => `valget «${o}» må oppgis`],
  [/^error: option '(.+?)' argument missing/, (o) => `valget «${o}» mangler en verdi`],
  [/^error: option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+)\./, (o, v, c) => `«${v}» er ikke en gyldig verdi for «${o}»: velg en av ${c}`],
  // A value refused by the option's own parser (InvalidArgumentError, whose message is already ours).
  [/^error: option '(.+?)' argument '(.*?)' is invalid\. (.+)/, (o, v, why) => `«${v}» er ikke en gyldig verdi for «${o}»: ${why}`],
  [/^error: unknown option '(.+?)'/, (o) => `ukjent valg «${o}»`],
  [/^error: unknown command '(.+?)'/, (c) => `ukjent kommando «${c}»`],
  [/^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (c, want, got) => `for mange argumenter${c ? ` til «${c}»` : ''}: ventet ${want}, fikk ${got}`],
  [/^error: (.+?) cannot be used with (.+)/, (a, b) => `${a} kan ikke brukes sammen med ${b}`],
];

/** commander's suggestion after an unknown option or command: «(Did you mean --format?)». */
const SUGGESTION = /\n\(Did you mean (?:one of )?(.+?)\?\)/;

/**
 * One usage error as the user reads it: «usk: ukjent valg «--fromat» (mente du --from?)». commander
 * quotes the value it refuses, which may be a fødselsnummer typed in the wrong place (--profile
 * 01017012345): masked like every other message, since a terminal's output ends up in logs.
 */
export function norwegianError(text: string): string {
  return maskIdentifiers(norwegianText(text));
}

function norwegianText(text: string): string {
  const suggestion = SUGGESTION.exec(text);
  const hint = suggestion ? ` (mente du ${suggestion[1]!.replace(/, ([^,]+)$/, ' eller $1')}?)` : '';
  const first = text.replace(SUGGESTION, '').split('\n')[0]!;
  for (const [pattern, say] of ERRORS) {
    const m = pattern.exec(first);
    if (m) return `usk: ${say(...m.slice(1).map((s) => s ?? ''))}${hint}\n`;
  }
  // Unknown to this list (a newer commander): at least not «error:».
  return `usk: ${first.replace(/^error: /, '')}${hint}\n`;
}

/** The program's help, errors and exit in Norwegian; call before registering commands. */
export function norwegianCommander(program: Command): Command {
  return program
    .helpOption('-h, --help', 'vis hjelp for kommandoen')
    .helpCommand('help [kommando]', 'vis hjelp for en kommando')
    .configureHelp({
      styleTitle: (title: string) => TITLES[title] ?? title,
      commandUsage(this: Help, cmd: Command) {
        return usageWords(Help.prototype.commandUsage.call(this, cmd));
      },
      subcommandTerm(this: Help, cmd: Command) {
        return usageWords(Help.prototype.subcommandTerm.call(this, cmd));
      },
      optionDescription,
    })
    // The command's help after a usage error, so the right spelling is in front of the user.
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(norwegianError(text)) })
    // Usage errors end with status 2, as every other refusal (1 is --strict's: a file had rejected rows).
    .exitOverride();
}
