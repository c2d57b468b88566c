/** Local users file (small setups): JSON list of { username, passwordHash (argon2id), role }. */
import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { ConfigError } from '../config.ts';
import { Role, type User } from './roles.ts';

const UsersFile = z.array(
  z.strictObject({
    username: z.string().regex(/^[a-zA-Z0-9._@-]{2,64}$/),
    passwordHash: z.string().startsWith('$argon2'),
    role: Role,
    name: z.string().optional(),
  }),
);

/**
 * The form a user name is looked up (and its failed sign-ins counted) in: compatibility forms
 * folded (NFKC: full-width letters, the Kelvin sign), surrounding space dropped, lower case.
 */
export const normalizeUsername = (name: string): string => name.normalize('NFKC').trim().toLowerCase();

export class LocalUsers {
  private constructor(
    private readonly users: Map<string, z.infer<typeof UsersFile>[number]>,
    // Verifying against a dummy hash for unknown names keeps response time from telling which names exist.
    private readonly dummyHash: string,
  ) {}

  static async load(file: string): Promise<LocalUsers> {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`Kan ikke lese brukerfilen ${file}: ${(e as Error).message}`, { cause: e });
    }
    const parsed = UsersFile.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(`Ugyldig brukerfil ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const users = new Map(parsed.data.map((u) => [normalizeUsername(u.username), u]));
    if (users.size !== parsed.data.length) throw new ConfigError(`Brukerfilen ${file} har samme brukernavn flere ganger`);
    return new LocalUsers(users, await hash('usk-dummy-password-for-timing'));
  }

  /**
   * The audit id of the configured user a typed name stands for (`local:<name as configured>`), or
   * undefined when no user has that name. A refused sign-in is audited under this, never under what
   * was typed, which may be a password typed into the wrong field.
   */
  idOf(username: string): string | undefined {
    const u = this.users.get(normalizeUsername(username));
    return u ? `local:${u.username}` : undefined;
  }

  /** The user when the password matches, else null. Never says which part was wrong. */
  async verify(username: string, password: string): Promise<User | null> {
    const u = this.users.get(normalizeUsername(username));
    const ok = await verify(u?.passwordHash ?? this.dummyHash, password).catch(() => false);
    if (!u || !ok) return null;
    return { id: `local:${u.username}`, name: u.name ?? u.username, role: u.role };
  }
}

/** For `usk serve --hash-password`: an argon2id hash with the library's (OWASP) defaults. */
export const hashPassword = (password: string): Promise<string> => hash(password);
