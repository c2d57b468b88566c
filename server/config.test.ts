import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigFile, loadSuppressionSettings, parseConfig, ServerConfig } from './config.ts';

const example = join(dirname(fileURLToPath(import.meta.url)), 'config.example.json');

describe('config.example.json', () => {
  afterEach(() => {
    delete process.env.USK_SESSION_SECRET;
    delete process.env.USK_OIDC_CLIENT_SECRET;
  });

  it('is a configuration the server accepts, once its secrets are in the environment', () => {
    process.env.USK_SESSION_SECRET = 's'.repeat(40);
    process.env.USK_OIDC_CLIENT_SECRET = 'hemmelig';
    const config = loadConfigFile(example);
    expect(config.sessionSecret).toBe('s'.repeat(40));
    expect(config.auth?.usersFile).toBe(join(dirname(example), 'users.json'));
  });

  it('shows the defaults of the limits it lists, so copying it changes none of them', () => {
    const raw = JSON.parse(readFileSync(example, 'utf8')) as Record<string, unknown>;
    const defaults = ServerConfig.parse({ sessionSecret: 'x' });
    const numbers = Object.entries(raw).filter(([, v]) => typeof v === 'number');
    expect(numbers.length).toBeGreaterThan(5);
    for (const [key, value] of numbers) expect(value, key).toBe(defaults[key as keyof typeof defaults]);
  });
});

describe('computationsPerUser', () => {
  it('must leave other users a read connection: below readConnections, unless there is only one', () => {
    const base = { sessionSecret: 'x'.repeat(40), auth: { usersFile: 'users.json' } };
    expect(() => parseConfig({ ...base, readConnections: 3, computationsPerUser: 3 }, '/tmp')).toThrow(/computationsPerUser: må være mindre enn readConnections/);
    expect(parseConfig({ ...base, readConnections: 3, computationsPerUser: 2 }, '/tmp').computationsPerUser).toBe(2);
    expect(parseConfig({ ...base, readConnections: 1, computationsPerUser: 1 }, '/tmp').computationsPerUser).toBe(1);
  });
});

describe('an invalid configuration file', () => {
  it('is named, with one line per key in error, whether the server or `usk export --config` reads it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'usk-config-')), 'server.json');
    writeFileSync(file, JSON.stringify({ sessionSecret: 'x'.repeat(40), auth: { usersFile: 'u.json' }, minCount: -1, publicationMinCount: 'fem' }));
    const expected = new RegExp(`^Ugyldig konfigurasjon i ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\n  minCount: .+\n  publicationMinCount: .+$`);
    expect(() => loadConfigFile(file)).toThrow(expected);
    expect(() => loadSuppressionSettings(file)).toThrow(expected);
  });
});

describe('server/README.md', () => {
  it('names every configuration key in its table', () => {
    const readme = readFileSync(join(dirname(example), 'README.md'), 'utf8');
    const keys = (shape: Record<string, unknown>, prefix = ''): string[] => Object.entries(shape).flatMap(([k, v]) => {
      const inner = unwrap(v);
      const nested = inner && !['roleGroups'].includes(k) ? keys(inner, `${prefix}${k}.`) : [];
      return nested.length ? nested : [`${prefix}${k}`];
    });
    const all = keys(ServerConfig.shape);
    expect(all).toEqual(expect.arrayContaining(['auth.oidc.issuer', 'auth.oidc.roleGroups', 'auth.usersFile', 'computationsPerUser']));
    for (const key of all) expect(readme, key).toContain(`| \`${key}\` |`);
  });
});

/** The object shape inside optional/refined wrappers, if the schema is an object. */
function unwrap(schema: unknown): Record<string, unknown> | undefined {
  let s = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown; def?: { innerType?: unknown; in?: unknown } } | undefined;
  for (let i = 0; i < 5 && s; i++) {
    if (s.shape) return s.shape;
    s = (s.def?.innerType ?? s.def?.in ?? (typeof s.unwrap === 'function' ? s.unwrap() : undefined)) as typeof s;
  }
  return undefined;
}
