/**
 * Signing in and out (production mode; demo mode has no sign-in). The server offers the hospital's
 * OpenID Connect provider, a local users file, or both (GET /api/session says which). A failed
 * provider sign-in comes back as /?innlogging=<code>; the text shown for it is fixed here, so a
 * crafted link cannot put words on this page.
 */
import { ApiError, forgetCsrfToken, getJson, post } from '../api/client.ts';
import { Session, SignedOut } from '../api/schemas.ts';
import { h, status } from '../ui/dom.ts';

const OIDC_FAILURES: Record<string, string> = {
  utilgjengelig: 'Innloggingstjenesten svarer ikke. Prøv igjen om litt, eller kontakt IT hvis det varer.',
  avvist: 'Innloggingstjenesten godtok ikke innloggingen. Start på nytt.',
  'ingen-tilgang': 'Du er logget inn hos sykehuset, men ikke i noen gruppe med tilgang til USK-analyse. Be om tilgang hos den som forvalter verktøyet.',
  utlopt: 'Innloggingen tok for lang tid eller ble startet i en annen nettleser. Start på nytt.',
  'for-mange': 'For mange innlogginger er startet fra denne adressen det siste kvarteret. Vent litt og prøv igjen.',
};

const ROLE_NAMES: Record<string, string> = { leser: 'leser', analytiker: 'analytiker', admin: 'administrator' };

/** The sign-in page, in place of a view, for someone the server does not know yet. */
export async function renderSignIn(main: HTMLElement): Promise<void> {
  const session = await getJson(Session, '/api/session');
  const failure = new URLSearchParams(location.search).get('innlogging');
  const parts: HTMLElement[] = [h('h1', {}, 'Logg inn')];
  if (failure) parts.push(status('error', OIDC_FAILURES[failure] ?? 'Innloggingen mislyktes. Start på nytt.'));
  if (session.login?.oidc) {
    // Back to this view after the provider (the server accepts only a path on this site).
    const href = `/api/auth/oidc/login?tilbake=${encodeURIComponent(`/${withoutFailure(location.search)}`)}`;
    parts.push(h('p', {}, h('a', { class: 'button primary', href, 'data-testid': 'oidc-login' }, 'Logg inn med sykehuskontoen')));
  }
  if (session.login?.local) parts.push(localForm());
  if (!session.login?.oidc && !session.login?.local) parts.push(status('error', 'Serveren tilbyr ingen innlogging. Kontakt den som drifter USK-analyse.'));
  main.replaceChildren(h('section', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' }, ...parts));
  main.querySelector('h1')!.id = 'sign-in-title';
  (main.querySelector('[data-testid="oidc-login"], input[name="username"]') as HTMLElement | null)?.focus();
}

function localForm(): HTMLFormElement {
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true, maxlength: 200 });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, maxlength: 1000 });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Logg inn');
  const form = h(
    'form', { class: 'sign-in-form', 'data-testid': 'local-login' },
    h('label', { class: 'field' }, h('span', {}, 'Brukernavn'), username),
    h('label', { class: 'field' }, h('span', {}, 'Passord'), password),
    submit, message,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    message.replaceChildren();
    void signIn(username.value, password.value)
      .then(() => location.assign(`/${withoutFailure(location.search)}`))
      .catch((err: unknown) => {
        password.value = '';
        const text = err instanceof ApiError && err.status === 401 ? 'Feil brukernavn eller passord.' : err instanceof Error ? err.message : String(err);
        message.replaceChildren(status('error', text));
        submit.disabled = false;
        password.focus();
      });
  });
  return form;
}

/** The address's query without a failed sign-in's code: what to show once signed in. */
function withoutFailure(search: string): string {
  const q = new URLSearchParams(search);
  q.delete('innlogging');
  const rest = q.toString();
  return rest ? `?${rest}` : '';
}

/** The local users file's sign-in, through the same POST (CSRF token, refusals in words) as every other. */
async function signIn(username: string, password: string): Promise<void> {
  await post(Session, '/api/auth/login', { username, password });
  forgetCsrfToken();
}

/** Who is signed in, and a way out, in the header (production only). */
export function userBadge(user: NonNullable<Session['user']>): HTMLElement {
  const out = h('button', { type: 'button', class: 'small', 'data-testid': 'sign-out' }, 'Logg ut');
  out.addEventListener('click', () => {
    out.disabled = true;
    void post(SignedOut, '/api/auth/logout', {})
      .catch(() => undefined) // signed out either way once the session is gone; the reload shows it
      .finally(() => {
        forgetCsrfToken();
        location.assign('/');
      });
  });
  return h('span', { class: 'user', 'data-testid': 'user' }, h('span', {}, `${user.name} (${ROLE_NAMES[user.role] ?? user.role})`), ' ', out);
}
