import { describe, expect, it } from 'vitest';
import { hasRole, ROLES, type Role, type User } from '../../server/auth/roles.ts';
import { adminRoutes } from '../../server/routes/admin.ts';
import { exportRoutes } from '../../server/routes/exports.ts';
import { figureRoutes } from '../../server/routes/figures.ts';
import { metaRoutes } from '../../server/routes/meta.ts';
import { mayExport, maySaveRuleSets, maySeeQualityDetails, maySeeStays, withheldText } from './access.ts';

const user = (role: Role): User => ({ id: `local:${role}`, name: role, role });
const routes = [...adminRoutes, ...exportRoutes, ...figureRoutes, ...metaRoutes] as { method: string; path: string; role: Role | 'public' }[];
/** The role the server asks for on `method path`, as declared (server/routes/*.ts). */
const roleOf = (method: string, path: string): Role | 'public' => {
  const r = routes.find((x) => x.method === method && x.path === path);
  if (!r) throw new Error(`no route ${method} ${path}`);
  return r.role;
};

describe('access: each rule is the role its server routes ask for', () => {
  const rules: [string, (u: User | null) => boolean, [string, string][]][] = [
    ['mayExport', mayExport, routes.filter((r) => r.path.startsWith('/api/exports/')).map((r) => [r.method, r.path])],
    ['maySeeStays', maySeeStays, [['get', '/api/stays'], ['get', '/api/stays/:stayId/days']]],
    ['maySeeQualityDetails', maySeeQualityDetails, [['get', '/api/quality/findings'], ['get', '/api/quality/rejects'], ['get', '/api/quality/warnings']]],
    ['maySaveRuleSets', maySaveRuleSets, [['post', '/api/rulesets']]],
  ];
  for (const [name, rule, paths] of rules) {
    it(`${name}: ${paths.map(([m, p]) => `${m.toUpperCase()} ${p}`).join(', ')}`, () => {
      expect(paths.length).toBeGreaterThan(0);
      for (const [method, path] of paths) {
        const needed = roleOf(method, path);
        for (const role of ROLES) expect(rule(user(role)), `${name} for ${role} (${path} asks for ${needed})`).toBe(needed === 'public' || hasRole(user(role), needed));
      }
    });
  }
  it('give a leser none of them, and whom the session did not name (null) none either', () => {
    for (const rule of [mayExport, maySeeStays, maySeeQualityDetails, maySaveRuleSets]) {
      expect(rule(user('leser'))).toBe(false);
      expect(rule(null)).toBe(false);
    }
  });
  it('give the demo user (admin) all of them', () => {
    for (const rule of [mayExport, maySeeStays, maySeeQualityDetails, maySaveRuleSets]) expect(rule({ id: 'demo', name: 'Demo', role: 'admin' })).toBe(true);
  });
  it('leave a leser every route the figures need (what the views ask for whatever the role)', () => {
    for (const path of ['/api/meta', '/api/reconciliation', '/api/series', '/api/month-facts', '/api/annotations', '/api/quality/batches', '/api/quality/coverage', '/api/rulesets']) {
      expect(roleOf('get', path), path).toBe('leser');
    }
  });
});

describe('access: the sentence in place of what is withheld', () => {
  it('names the role it needs', () => {
    expect(withheldText(user('leser'), 'Listen over funn i dataene')).toBe('Listen over funn i dataene krever rollen analytiker.');
    expect(withheldText(user('analytiker'), 'Å lagre et nytt regelsett', 'admin')).toBe('Å lagre et nytt regelsett krever rollen admin.');
  });
  it('says why when who is signed in is not known, not that a role is missing', () => {
    expect(withheldText(null, 'Listen over funn i dataene')).toBe('Listen over funn i dataene vises ikke: fikk ikke svar på hvem som er logget inn. Last inn siden på nytt.');
  });
});
