/** Session, sign-in (local users or OIDC) and sign-out. */
import type { Request } from 'express';
import { z } from 'zod';
import { HttpProblem } from '../errors.ts';
import { audit } from '../http/audit.ts';
import { OidcLoginError } from '../auth/oidc.ts';
import { returnPath } from '../auth/oidc-pending.ts';
import type { User } from '../auth/roles.ts';
import { SessionResponse, SignedOutResponse } from '../schemas.ts';
import { handled, route } from './registry.ts';

const Login = z.strictObject({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) });

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((e: unknown) => (e ? reject(e) : resolve())));

/** New session id at sign-in (no fixation), the user and the time in it (absolute lifetime), and a fresh CSRF token. */
async function signIn(req: Request, user: User): Promise<string> {
  await regenerate(req);
  req.session.user = user;
  req.session.signedInAt = Date.now();
  req.user = user;
  const token = req.csrfToken?.(true);
  if (!token) throw new Error('CSRF-mellomvaren er ikke montert');
  return token;
}

/**
 * What a refused local sign-in with a name no user has is audited under. The typed name is left out:
 * a password typed into the user-name field, or a fødselsnummer in a form the masker misses, would
 * be kept in audit_log for good and shown to every admin. Nor its length, which narrows the guess
 * at such a password and tells an admin nothing the time and client address do not: many refusals
 * from one address are the attack, whatever names they tried.
 */
export const UNKNOWN_LOCAL_USER = 'local:(ukjent brukernavn)';

const loginFailed = () => new HttpProblem(401, 'Innlogging feilet', 'Feil brukernavn eller passord.');

export const authRoutes = [
  route({
    method: 'get', path: '/api/session', tag: 'Innlogging', role: 'public',
    summary: 'Hvem er innlogget, og CSRF-token for endringer',
    response: SessionResponse,
    handler: async ({ req, ctx }) => ({
      mode: ctx.mode,
      user: req.user ?? null,
      csrfToken: req.csrfToken?.() ?? '',
      login: { local: ctx.auth.local !== undefined, oidc: ctx.auth.oidc !== undefined },
    }),
  }),
  route({
    method: 'post', path: '/api/auth/login', tag: 'Innlogging', role: 'public',
    summary: 'Logg inn med lokal bruker (begrenset antall forsøk)',
    body: Login, response: SessionResponse,
    handler: async ({ req, body, ctx }) => {
      if (!ctx.auth.local) throw new HttpProblem(404, 'Finnes ikke', 'Lokal innlogging er ikke slått på.');
      const user = await ctx.auth.local.verify(body.username, body.password);
      if (!user) {
        await audit(ctx, req, { id: ctx.auth.local.idOf(body.username) ?? UNKNOWN_LOCAL_USER, role: null }, 'sign-in', { outcome: 'refused' });
        throw loginFailed();
      }
      const csrfToken = await signIn(req, user);
      await audit(ctx, req, user, 'sign-in', { target: 'local' });
      return { mode: ctx.mode, user, csrfToken, login: { local: true, oidc: ctx.auth.oidc !== undefined } };
    },
  }),
  route({
    method: 'get', path: '/api/auth/oidc/login', tag: 'Innlogging', role: 'public',
    summary: 'Start innlogging hos sykehusets OpenID Connect-tjeneste (302 dit, eller til /?innlogging=utilgjengelig)',
    query: z.object({ tilbake: z.string().max(500).optional().describe('Stien på dette nettstedet å gå tilbake til etter innlogging') }),
    response: z.never(), status: 302,
    handler: async ({ res, ctx, query }) => {
      if (!ctx.auth.oidc) throw new HttpProblem(404, 'Finnes ikke', 'OIDC-innlogging er ikke slått på.');
      try {
        const start = await ctx.auth.oidc.start();
        ctx.auth.oidcPending.put(res, { verifier: start.verifier, state: start.state, nonce: start.nonce, returnTo: returnPath(query.tilbake) });
        res.redirect(302, start.url);
      } catch (e) {
        if (!(e instanceof OidcLoginError)) throw e;
        ctx.log.warn({ err: e.cause ?? e }, e.message);
        res.redirect(302, `/?innlogging=${e.code}`);
      }
      return handled;
    },
  }),
  route({
    method: 'get', path: '/api/auth/oidc/callback', tag: 'Innlogging', role: 'public',
    summary: 'Tilbake fra OpenID Connect-tjenesten (302 til forsiden; ved feil med ?innlogging=<kode>)',
    query: z.object({}).loose(), response: z.never(), status: 302,
    handler: async ({ req, res, ctx }) => {
      if (!ctx.auth.oidc) throw new HttpProblem(404, 'Finnes ikke', 'OIDC-innlogging er ikke slått på.');
      // A browser navigation: every outcome is a redirect to the dashboard, which says what happened.
      try {
        const pending = ctx.auth.oidcPending.take(req, res);
        if (!pending) throw new OidcLoginError('utlopt', 'Ingen innlogging pågår i denne nettleseren (eller den er over ti minutter gammel)');
        const user = await ctx.auth.oidc.finish(new URL(req.originalUrl, 'http://callback').search, pending);
        await signIn(req, user);
        await audit(ctx, req, user, 'sign-in', { target: 'oidc' });
        res.redirect(302, pending.returnTo);
      } catch (e) {
        if (!(e instanceof OidcLoginError)) throw e;
        await audit(ctx, req, { id: `oidc:${e.subject ?? 'ukjent'}`, role: null }, 'sign-in', { outcome: 'refused', target: e.message });
        res.redirect(302, `/?innlogging=${e.code}`);
      }
      return handled;
    },
  }),
  route({
    method: 'post', path: '/api/auth/logout', tag: 'Innlogging', role: 'public',
    summary: 'Logg ut', response: SignedOutResponse,
    handler: async ({ req, ctx }) => {
      if (req.user) await audit(ctx, req, req.user, 'sign-out');
      await new Promise<void>((resolve, reject) => req.session.destroy((e: unknown) => (e ? reject(e) : resolve())));
      return { ok: true };
    },
  }),
];
