/** The dashboard shell: metadata, demo banner, navigation, and one view per URL state. */
import './styles.css';
import { ApiError, getJson } from './api/client.ts';
import { Meta, Session } from './api/schemas.ts';
import { parseState, toSearch, withChanges, type State, type View } from './state/url.ts';
import { h, status } from './ui/dom.ts';
import { asOfText } from './views/common.ts';
import { ruleSetName, type Ctx, type ViewFn } from './views/context.ts';
import { VIEW_TITLES, loadView, prefetchView } from './views/registry.ts';
import { renderSignIn, userBadge } from './views/sign-in.ts';

const main = document.getElementById('innhold') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
let meta: Meta | undefined;
let controller: AbortController | undefined;
let badgeShown = false;
/** The signed-in user's role in production (undefined in demo mode and until known). */
let role: string | undefined;
/** Views only some roles may use: the server refuses the rest, so the menu does not offer them. */
const VIEW_ROLES: Partial<Record<View, string[]>> = { 'last-opp': ['admin'] };

/** In production, who is signed in and "Logg ut" in the header, once. */
async function showUser(): Promise<void> {
  if (badgeShown || meta?.mode !== 'production') return;
  badgeShown = true;
  const { user } = await getJson(Session, '/api/session');
  if (!user) return;
  role = user.role;
  document.querySelector('header.top')!.append(userBadge(user));
  drawNav(parseState(location.search).view); // the view shown now, which may no longer be the one that asked
}

function navigate(changes: Partial<State>, replace = false): void {
  // Another municipality, period or rule set is another list of stays: back to its first page.
  const next = withChanges(parseState(location.search), { page: 1, ...changes });
  const url = `/${toSearch(next)}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void render();
}

function drawNav(view: View): void {
  nav.replaceChildren(
    ...Object.entries(VIEW_TITLES).filter(([v]) => !role || !VIEW_ROLES[v as View] || VIEW_ROLES[v as View]!.includes(role)).map(([v, title]) => {
      const a = h('a', { href: `/${toSearch(withChanges(parseState(location.search), { view: v as View, slide: 0, page: 1 }))}`, 'aria-current': v === view ? 'page' : undefined }, title);
      a.addEventListener('click', (e) => {
        if (e.metaKey || e.ctrlKey) return;
        e.preventDefault();
        navigate({ view: v as View, slide: 0 });
      });
      return a;
    }),
    // The notebooks (npm run notebooks) are a static site of their own under /notebooks/, for
    // analysts and admins (the server refuses a leser).
    ...(role === 'leser' ? [] : [h('a', { href: '/notebooks/', class: 'nav-external' }, 'Notatbøker')]),
  );
}

async function render(): Promise<void> {
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const state = parseState(location.search);
  delete document.body.dataset.ready;
  document.body.dataset.view = state.view;
  drawNav(state.view);
  // The view's code is fetched while the metadata is: one after the other cost a round trip and a
  // chunk's parse before the view's first request (≈ 200 ms of the landing page's first chart).
  const viewCode = loadView(state.view);
  viewCode.catch(() => undefined); // a failure is reported where it is awaited, below
  try {
    meta ??= await getJson(Meta, '/api/meta');
    void showUser().catch(() => undefined); // the badge is a convenience; the view reports real failures
    prefetchView(state.view, meta, state, signal);
    document.getElementById('demo-banner')!.hidden = meta.mode !== 'demo';
    document.getElementById('print-header')!.textContent = `USK-analyse — ${VIEW_TITLES[state.view]} — Regelsett: ${ruleSetName(meta, state)} — Data per: ${asOfText(meta)}`;
    document.title = `${VIEW_TITLES[state.view]} — USK-analyse`;
    const view: ViewFn = await viewCode;
    const ctx: Ctx = { meta, state, navigate, reload, signal };
    main.setAttribute('aria-busy', 'true');
    await view(main, ctx);
    if (!signal.aborted) document.body.dataset.ready = toSearch(state) || '?';
  } catch (e) {
    if ((e as Error).name === 'AbortError' || signal.aborted) return;
    if (e instanceof ApiError && e.status === 401) {
      // Not signed in (production): the sign-in page instead of the view.
      nav.replaceChildren();
      document.title = 'Logg inn — USK-analyse';
      try {
        await renderSignIn(main);
        document.body.dataset.ready = 'sign-in';
        return;
      } catch (signInFailure) {
        e = signInFailure; // said below, like any other failure
      }
    }
    const text = e instanceof ApiError ? e.message : `Noe gikk galt: ${(e as Error).message}`;
    main.querySelector('.status.loading')?.remove();
    main.append(status('error', text));
    document.body.dataset.ready = 'error';
  } finally {
    if (!signal.aborted) main.removeAttribute('aria-busy');
  }
}

function reload(changes: Partial<State>): void {
  meta = undefined;
  navigate(changes);
}

window.addEventListener('popstate', () => void render());
void render();
