import { describe, expect, it } from 'vitest';
import type { Actor } from '../../matching/core/actor.ts';
import { accessFor, redact } from '../../matching/records/visibility.ts';

const actor = (role: Actor['role'], orgId = 'o-other'): Actor => ({ userId: 'u', orgId, role });
const record = (confidentiality: 'public' | 'desensitised' | 'confidential') => ({ orgId: 'o-owner', confidentiality });

describe('record visibility', () => {
  it('gives owners and admins everything', () => {
    expect(accessFor(actor('enterprise', 'o-owner'), record('confidential'), false, 'enterprise')).toBe('full');
    expect(accessFor(actor('admin'), record('confidential'), false, 'enterprise')).toBe('full');
  });

  it('hides confidential, unlisted and peer records', () => {
    expect(accessFor(actor('institution'), record('confidential'), true, 'enterprise')).toBe('none');
    expect(accessFor(actor('institution'), record('public'), false, 'enterprise')).toBe('none');
    expect(accessFor(actor('enterprise'), record('public'), true, 'enterprise')).toBe('none');
  });

  it('shows the other side public and desensitised records', () => {
    expect(accessFor(actor('institution'), record('public'), true, 'enterprise')).toBe('public');
    expect(accessFor(actor('manager'), record('desensitised'), true, 'enterprise')).toBe('desensitised');
  });

  it('redacts named fields and reports them', () => {
    const out = redact({ a: 1, b: ['x'], c: 'keep' }, ['a', 'b', 'missing']);
    expect(out).toEqual({ a: null, b: [], c: 'keep', redacted: ['a', 'b'] });
  });
});
