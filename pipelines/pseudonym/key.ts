import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

export interface PseudonymKey {
  key: Buffer;
  /** Where the key came from: the environment, an existing key file, or a file created now. */
  source: 'env' | 'file' | 'created' | 'ephemeral';
  path?: string;
  /** The key file was readable by others (its mode, e.g. 0644), and has been tightened to 0600 now. */
  wasLoose?: number;
}

export class PseudonymKeyError extends Error {
  override readonly name = 'PseudonymKeyError';
}

let ephemeralKey: Buffer | undefined;

/** The key file lives beside the database: data/usk.duckdb → data/usk.key. */
export function keyPathFor(dbPath: string): string {
  const abs = resolve(dbPath);
  return join(dirname(abs), `${basename(abs, extname(abs))}.key`);
}

/**
 * The secret for the keyed pseudonym. USK_PSEUDONYM_KEY wins (hex of ≥ 32 bytes, or any text of
 * ≥ 32 characters: keyFromEnv); otherwise a random key is created once beside the database with mode 0600 and
 * reused. The same key gives the same pseudonym for the same patient across files and years.
 * `create: false` (a database files were loaded into, under some key): no key file is made when none
 * is there, since a new random key is certainly not that one; the run is refused instead.
 */
export function resolveKey(dbPath: string, env: NodeJS.ProcessEnv = process.env, options: { create?: boolean } = {}): PseudonymKey {
  const fromEnv = keyFromEnv(env);
  if (fromEnv) return { key: fromEnv, source: 'env' };
  // One per process: an in-memory database lives no longer, and its runs must agree with each other.
  if (dbPath === ':memory:') return { key: (ephemeralKey ??= randomBytes(32)), source: 'ephemeral' };
  const path = keyPathFor(dbPath);
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    // Tightened, and said (usk ingest): someone may already have read it.
    if (mode & 0o077) chmodSync(path, 0o600);
    const hex = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new PseudonymKeyError(`nøkkelfilen ${path} er ødelagt (forventet 64 heksadesimale tegn)`);
    return { key: Buffer.from(hex, 'hex'), source: 'file', path, ...(mode & 0o077 ? { wasLoose: mode } : {}) };
  }
  if (options.create === false) {
    throw new PseudonymKeyError(
      `databasen er pseudonymisert med en nøkkel, men den er ikke gitt: USK_PSEUDONYM_KEY er ikke satt, og nøkkelfilen ${path} finnes ikke. `
        + 'Sett USK_PSEUDONYM_KEY til nøkkelen databasen ble lastet med, eller legg nøkkelfilen tilbake; ingen filer er lest, og ingen ny nøkkel er laget',
    );
  }
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'created', path };
}

/**
 * The key USK_PSEUDONYM_KEY gives, if set: 64 or more hex digits, an even number, are the key's
 * bytes; any other text of 32 characters or more is hashed into one. Refused when too short, and
 * when hex of odd length. The CLI asks this before it opens (and so creates) a database, so a bad key
 * leaves no empty database behind.
 */
export function keyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const fromEnv = env.USK_PSEUDONYM_KEY;
  if (fromEnv === undefined || fromEnv === '') return undefined;
  if (/^[0-9a-fA-F]{64,}$/.test(fromEnv)) {
    // Buffer.from(hex) drops an odd last digit without a word: the key would be one digit shorter
    // than the one given, most likely one cut or pasted wrong. Earlier versions took it so, and a
    // database loaded with it has the shorter key's pseudonyms: the message says which key that is.
    if (fromEnv.length % 2 === 1) {
      throw new PseudonymKeyError(
        `USK_PSEUDONYM_KEY har et odde antall heksadesimale tegn (${fromEnv.length}): forventet et partall, to per byte, minst 64 `
          + `(eller en tekst på minst 32 tegn som ikke bare er heksadesimale tegn). Er en database lastet med denne nøkkelen før, brukte `
          + `den de første ${fromEnv.length - 1} tegnene (det siste ble ikke lest): sett nøkkelen til dem`,
      );
    }
    return Buffer.from(fromEnv, 'hex');
  }
  if (fromEnv.length < 32) throw new PseudonymKeyError('USK_PSEUDONYM_KEY er for kort: bruk minst 32 tegn (eller 64 heksadesimale tegn)');
  return createHash('sha256').update(fromEnv, 'utf8').digest();
}

/**
 * What tells one key from another without telling anything of the key: the HMAC of a fixed text,
 * in a different form (the text is no identifier) from any pseudonym, 128 bits as hex.
 */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('usk-analyse: kontroll av pseudonymnøkkel').digest('hex').slice(0, 32);
}

/** Where a key came from, as a user set it up. */
export function keySourceText(k: PseudonymKey): string {
  switch (k.source) {
    case 'env': return 'USK_PSEUDONYM_KEY';
    case 'ephemeral': return 'en midlertidig nøkkel';
    default: return `nøkkelfilen ${k.path}`;
  }
}
