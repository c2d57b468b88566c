import { randomBytes, createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

export interface PseudonymKey {
  key: Buffer;
  /** Where the key came from: the environment, an existing key file, or a file created now. */
  source: 'env' | 'file' | 'created' | 'ephemeral';
  path?: string;
}

export class PseudonymKeyError extends Error {
  override readonly name = 'PseudonymKeyError';
}

/** The key file lives beside the database: data/usk.duckdb → data/usk.key. */
export function keyPathFor(dbPath: string): string {
  const abs = resolve(dbPath);
  return join(dirname(abs), `${basename(abs, extname(abs))}.key`);
}

/**
 * The secret for the keyed pseudonym. USK_PSEUDONYM_KEY wins (hex of ≥ 32 bytes, or any text of
 * ≥ 32 characters); otherwise a random key is created once beside the database with mode 0600 and
 * reused. The same key gives the same pseudonym for the same patient across files and years.
 */
export function resolveKey(dbPath: string, env: NodeJS.ProcessEnv = process.env): PseudonymKey {
  const fromEnv = env.USK_PSEUDONYM_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (/^[0-9a-fA-F]{64,}$/.test(fromEnv)) return { key: Buffer.from(fromEnv, 'hex'), source: 'env' };
    if (fromEnv.length < 32) throw new PseudonymKeyError('USK_PSEUDONYM_KEY er for kort: bruk minst 32 tegn (eller 64 heksadesimale tegn)');
    return { key: createHash('sha256').update(fromEnv, 'utf8').digest(), source: 'env' };
  }
  if (dbPath === ':memory:') return { key: randomBytes(32), source: 'ephemeral' };
  const path = keyPathFor(dbPath);
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) chmodSync(path, 0o600); // tighten a key file someone loosened
    const hex = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new PseudonymKeyError(`nøkkelfilen ${path} er ødelagt (forventet 64 heksadesimale tegn)`);
    return { key: Buffer.from(hex, 'hex'), source: 'file', path };
  }
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'created', path };
}

/** HMAC-SHA-256 pads (RFC 2104) so DuckDB can compute the HMAC itself, in bulk, in SQL. */
export function hmacPads(key: Buffer): { inner: Buffer; outer: Buffer } {
  const block = Buffer.alloc(64);
  (key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(block);
  return {
    inner: Buffer.from(block.map((b) => b ^ 0x36)),
    outer: Buffer.from(block.map((b) => b ^ 0x5c)),
  };
}

/**
 * SQL for the pseudonym of a raw identifier column: the first 128 bits of
 * HMAC-SHA-256(key, identifier without spaces), hex. $kin/$kout are the pads as BLOB parameters,
 * so the key never appears in SQL text or in an error message.
 */
export function pseudonymSql(column: string): string {
  const id = `encode(replace(trim(${column}), ' ', ''))`;
  return `CASE WHEN usk_text(${column}) IS NULL THEN NULL ELSE left(sha256($kout::BLOB || unhex(sha256($kin::BLOB || ${id}))), 32) END`;
}
