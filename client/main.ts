/** The dashboard shell: metadata, demo banner, navigation, and one view per URL state. */
import type { Role } from '../server/auth/roles.ts';
import './styles.css';
import { ApiError, getJson } from './api/client.ts';
import { Meta, Session } from './api/schemas.ts';
import { DEFAULTS, parseState, shownInstead, shownSearch, toSearch, withChanges, type State, type View } from './state/url.ts';
import { metaChange } from './state/meta.ts';
import { h, status } from './ui/dom.ts';
import { focusHeading, focusLost, rememberFocus, restoreFocus, type Finder } from './ui/focus.ts';
import { asOfText } from './views/common.ts';
import { ruleSetName, type Ctx, type ViewFn } from './views/context.ts';
import { VIEW_TITLES, loadView, prefetchView } from './views/registry.ts';
import { renderSignIn, userBadge } from './views/sign-in.ts';
import { setPrintHeader } from './ui/print-header.ts';

const main = document.getElementById('innhold') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
let meta: Meta | undefined;
let controller: AbortController | undefined;
/** The view on screen (or being drawn); undefined before the first. */
let shown: View | undefined;
/** Set by a menu link: the next drawing moves the focus to the view's heading. */
let focusToHeading = false;
/**
 * Where the focus is to go, kept until a drawing has put it there: a newer drawing (new metadata,
 * a quick second change) may abort the one that was to place it, after the focus was already lost.
 */
let pendingFocus: { heading: boolean; again: Finder | null } = { heading: false, again: null };
/**
 * Views that hold the user's work in progress (Last opp's previews and results, Metode's form): new
 * data refresh their metadata but do not redraw them under the user.
 */
const KEEP_ON_NEW_DATA: ReadonlySet<View> = new Set(['last-opp', 'metode']);
let badgeShown = false;
/** The signed-in user's role in production (undefined in demo mode and until known). */
let role: Role | undefined;
/** Views only some roles may use: the server refuses the rest, so the menu does not offer them. */
const VIEW_ROLES: Partial<Record<View, Role[]>> = { 'last-opp': ['admin'] };

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

/** Why the URL's rule set was replaced by the default: shown once, by the drawing of that URL. */
let ruleSetNote: { search: string; text: string } | undefined;

function navigate(changes: Partial<State>, replace = false): void {
  // Another municipality, period or rule set is another list of stays: back to its first page,
  // without the stay a finding asked for (unless the change names one).
  const next = withChanges(parseState(location.search), { page: 1, stay: undefined, ...changes });
  const url = `/${toSearch(next)}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void render();
}

/**
 * The address bar in place (replaceState: Back does not return to a value nothing showed) when it
 * asks for what is not shown; the menu's links, which carry the address, with it.
 */
function showAddress(view: View, shown: Partial<State> = {}): void {
  const search = shownSearch(location.search, shown);
  if (search === null) return;
  history.replaceState(null, '', `/${search}`);
  drawNav(view);
}

function drawNav(view: View): void {
  nav.replaceChildren(
    ...Object.entries(VIEW_TITLES).filter(([v]) => !role || !VIEW_ROLES[v as View] || VIEW_ROLES[v as View]!.includes(role)).map(([v, title]) => {
      const a = h('a', { href: `/${toSearch(withChanges(parseState(location.search), { view: v as View, slide: 0, page: 1, stay: undefined }))}`, 'aria-current': v === view ? 'page' : undefined }, title);
      a.addEventListener('click', (e) => {
        if (e.metaKey || e.ctrlKey) return;
        e.preventDefault();
        focusToHeading = true;
        navigate({ view: v as View, slide: 0 });
      });
      return a;
    }),
    // The notebooks (npm run notebooks) are a static site of their own under /notebooks/, for
    // analysts and admins (the server refuses a leser); not offered when the server says they are
    // not built (the link led to a 404).
    ...(role === 'leser' || meta?.notebooks === false ? [] : [h('a', { href: '/notebooks/', class: 'nav-external' }, 'Notatbøker')]),
  );
}

async function render(): Promise<void> {
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const state = parseState(location.search);
  // Before anything is redrawn: the control that has the focus (to focus again in the new drawing),
  // and whether this is another view (the focus then goes to its heading).
  const remembered = rememberFocus(main);
  const toHeading = pendingFocus.heading || focusToHeading || (shown !== undefined && shown !== state.view);
  const again = remembered ?? (focusLost() ? pendingFocus.again : null);
  pendingFocus = { heading: toHeading, again };
  focusToHeading = false;
  shown = state.view;
  delete document.body.dataset.ready;
  document.body.dataset.view = state.view;
  drawNav(state.view);
  // The view's code is fetched while the metadata is: one after the other cost a round trip and a
  // chunk's parse before the view's first request (≈ 200 ms of the landing page's first chart).
  const viewCode = loadView(state.view);
  viewCode.catch(() => undefined); // a failure is reported where it is awaited, below
  try {
    const known = meta;
    meta ??= await getJson(Meta, '/api/meta');
    // A rule set the server does not know (an old link, a typo) is not a failed view: the default
    // one instead, said above the figures, as an unknown municipality is.
    // Only to a default the server has (else the view reports the API's refusal), keeping the page
    // and the stay asked for; the note belongs to that URL alone, so an aborted drawing leaves none behind.
    const fallback = meta.ruleSets.find((r) => r.id === DEFAULTS.rules);
    if (fallback && !meta.ruleSets.some((r) => r.id === state.rules)) {
      ruleSetNote = { search: toSearch({ ...state, rules: DEFAULTS.rules }), text: `Fant ikke regelsettet «${state.rules}»; viser «${fallback.name}».` };
      navigate({ rules: DEFAULTS.rules, page: state.page, stay: state.stay }, true);
      return;
    }
    // A value the dashboard cannot take (?maned=2024-13) is not shown, so not left in the address
    // either; only now, since the sign-in page (a 401 above) reads its own parameter (innlogging).
    showAddress(state.view);
    // Drawn with the metadata at hand; whether the data changed since is asked alongside (a 304 as a rule).
    if (known) void refreshMeta(true);
    else drawNav(state.view); // the menu drawn before the metadata came offered «Notatbøker» unasked
    void showUser().catch(() => undefined); // the badge is a convenience; the view reports real failures
    prefetchView(state.view, meta, state, signal);
    drawShell(meta, state);
    const view: ViewFn = await viewCode;
    let shownState = state;
    const shows = (shown: Partial<State>) => {
      const changes = shownInstead(state, shown);
      if (signal.aborted) return changes;
      shownState = withChanges(shownState, changes);
      showAddress(state.view, changes);
      return changes;
    };
    const ctx: Ctx = { meta, state, navigate, reload, dataChanged: () => void refreshMeta(false), shows, signal };
    main.setAttribute('aria-busy', 'true');
    const placeFocus = (last: boolean) => {
      if (signal.aborted) return;
      if (focusLost()) {
        if (toHeading) focusHeading(main);
        // The control may come only with the data (Kommuner's check boxes): the fallback waits for the end.
        else if (again && !restoreFocus(main, again)) {
          if (!last) return;
          main.focus({ preventScroll: true });
        }
      }
      pendingFocus = { heading: false, again: null };
    };
    const drawing = view(main, ctx);
    placeFocus(false); // the view's first, synchronous part has drawn its heading and controls
    await drawing;
    if (ruleSetNote && !signal.aborted) {
      if (ruleSetNote.search === toSearch(state)) main.querySelector('.view-head')?.append(h('p', { class: 'note', 'data-testid': 'ruleset-note' }, ruleSetNote.text));
      ruleSetNote = undefined;
    }
    placeFocus(true); // a view that drew again after loading (Presentasjon) lost it once more
    if (!signal.aborted) document.body.dataset.ready = toSearch(shownState) || '?';
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

/** The lines around the view that come from the metadata: demo banner, print header, title. */
function drawShell(m: Meta, state: State): void {
  document.getElementById('demo-banner')!.hidden = m.mode !== 'demo';
  setPrintHeader(`USK-analyse — ${VIEW_TITLES[state.view]} — Regelsett: ${ruleSetName(m, state)} — Data per: ${asOfText(m)}`);
  document.title = `${VIEW_TITLES[state.view]} — USK-analyse`;
}

/**
 * Asks for /api/meta again (the browser revalidates it by ETag). When the data version moved — an
 * upload here or in another tab, a new rule set — the metadata is replaced, so «Data per», the
 * month pickers and the exports say what the server has; and the view is drawn again with it
 * (`redraw`, unless it holds work in progress). When only the notebooks were built or went stale,
 * the menu is drawn again. Without this the metadata of the page's first load stayed until a full
 * reload.
 */
async function refreshMeta(redraw: boolean): Promise<void> {
  const known = meta;
  let fresh: Meta;
  try {
    fresh = await getJson(Meta, '/api/meta');
  } catch {
    return; // the next drawing asks again
  }
  if (meta !== known) return; // replaced meanwhile (reload): that one is newer
  const change = metaChange(known, fresh);
  if (!change.data && !change.notebooks) return;
  meta = fresh;
  const state = parseState(location.search);
  drawShell(fresh, state);
  // Notebooks built meanwhile are the menu's concern alone: the view's figures did not move.
  if (change.data && redraw && !KEEP_ON_NEW_DATA.has(state.view)) void render();
  else if (change.notebooks) drawNav(state.view);
}

window.addEventListener('popstate', () => void render());
// Back in a tab left open: data uploaded elsewhere meanwhile show at once.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && meta) void refreshMeta(true);
});
void render();
