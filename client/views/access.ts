/**
 * What the signed-in user's role lets the dashboard offer, in one place: each rule mirrors the role a
 * server route asks for (server/routes/*.ts, `role:`), so that a view never offers a link, a button
 * or a request the server would refuse (403). A leser, often a municipality's reader, gets every
 * figure (/api/meta, /api/reconciliation, /api/series, /api/month-facts, /api/annotations,
 * /api/quality/batches, /api/quality/coverage, /api/rulesets) and, where something is left out, a
 * sentence saying which role it needs (withheldText). Who is not known (the session did not answer)
 * is given nothing beyond a leser's. In demo mode the session's user is the demo admin: everything.
 */
import { hasRole, type Role, type User } from '../../server/auth/roles.ts';
import { getJson } from '../api/client.ts';
import { Session } from '../api/schemas.ts';
import type { Ctx } from './context.ts';

/**
 * The session's answer, kept for the page's life: the user is fixed at sign-in (the server keeps it
 * in the session), and signing in or out loads the page anew (sign-in.ts), as the shell's menu and
 * badge assume. Neither a failure nor «nobody» (a session run out, whose next request is a 401
 * and the sign-in page) is kept: the next drawing asks again.
 */
let known: User | undefined;

/** Who is signed in (the demo's user in demo mode); null when the session cannot be asked. */
export async function signedIn(ctx: Pick<Ctx, 'signal'>): Promise<User | null> {
  if (known) {
    ctx.signal.throwIfAborted();
    return known;
  }
  try {
    const { user } = await getJson(Session, '/api/session', {}, ctx.signal);
    if (user) known = user;
    return user;
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    return null; // the figures are shown without; what the rules below give by role is left out
  }
}

const may = (user: User | null, role: Role): boolean => user !== null && hasRole(user, role);

/** Every file: GET /api/exports/* (reconciliation, invoices, rejects, snapshot, days; server/routes/exports.ts), analytiker. */
export const mayExport = (user: User | null): boolean => may(user, 'analytiker');

/** The stays behind the figures, one by one: GET /api/stays and /api/stays/:stayId/days (server/routes/figures.ts), analytiker. */
export const maySeeStays = (user: User | null): boolean => may(user, 'analytiker');

/**
 * Datakvalitet's row-level lists: GET /api/quality/findings (server/routes/figures.ts),
 * /api/quality/rejects and /api/quality/warnings (server/routes/meta.ts), analytiker. The batches
 * and the coverage (counts only) are a leser's.
 */
export const maySeeQualityDetails = (user: User | null): boolean => may(user, 'analytiker');

/** Metode's «Lagre regelsett»: POST /api/rulesets (server/routes/admin.ts), admin. */
export const maySaveRuleSets = (user: User | null): boolean => may(user, 'admin');

/**
 * The sentence in place of what a rule leaves out: '<what> krever rollen <role>.', or, when who is
 * signed in is not known, that it is not shown for that reason.
 */
export function withheldText(user: User | null, what: string, role: Role = 'analytiker'): string {
  return user ? `${what} krever rollen ${role}.` : `${what} vises ikke: fikk ikke svar på hvem som er logget inn. Last inn siden på nytt.`;
}
