/** Group claims → roles, and what the configuration accepts (the round trip: oidc-flow.test.ts). */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { roleFromGroups } from './oidc.ts';
import { returnPath } from './oidc-pending.ts';

const map = { leser: ['usk-lesere'], analytiker: ['usk-analyse'], admin: ['usk-admin'] };

describe('roleFromGroups', () => {
  it('gives the highest role any group grants', () => {
    expect(roleFromGroups(['usk-lesere', 'usk-analyse'], map)).toBe('analytiker');
    expect(roleFromGroups(['andre', 'usk-admin', 'usk-lesere'], map)).toBe('admin');
    expect(roleFromGroups('usk-lesere', map)).toBe('leser');
  });
  it('gives no role without a listed group or with a malformed claim', () => {
    expect(roleFromGroups(['andre'], map)).toBeNull();
    expect(roleFromGroups(undefined, map)).toBeNull();
    expect(roleFromGroups([1, { x: 'usk-admin' }], map)).toBeNull();
  });
});

describe('OIDC configuration', () => {
  const config = (issuer: string, redirectUri = 'https://usk.sykehus.example/api/auth/oidc/callback') =>
    parseConfig({ auth: { oidc: { issuer, clientId: 'usk', clientSecret: 's', redirectUri, roleGroups: map } }, sessionSecret: 'x'.repeat(40) }, '.');
  it('takes a provider over https, or over http only on this machine', () => {
    expect(config('https://login.sykehus.example/realms/hn').auth?.oidc?.issuer).toBe('https://login.sykehus.example/realms/hn');
    expect(config('http://localhost:8080/realms/hn').auth?.oidc?.issuer).toBe('http://localhost:8080/realms/hn');
    expect(() => config('http://login.sykehus.example/realms/hn')).toThrow(/issuer må bruke https/);
    expect(() => config('https://login.sykehus.example', 'http://usk.sykehus.example/api/auth/oidc/callback')).toThrow(/redirectUri må bruke https/);
  });
});

describe('returnPath', () => {
  it('goes back only to a path on this site', () => {
    expect(returnPath('/?vis=kommuner&kommune=5501')).toBe('/?vis=kommuner&kommune=5501');
    expect(returnPath('/')).toBe('/');
    for (const elsewhere of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/ mellomrom', undefined, '', `/${'x'.repeat(600)}`]) {
      expect(returnPath(elsewhere), String(elsewhere)).toBe('/');
    }
  });
});
