/** Group claims → roles (the provider round trip needs a real IdP; see server/README.md). */
import { describe, expect, it } from 'vitest';
import { roleFromGroups } from './oidc.ts';

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
