import { describe, expect, it } from 'vitest';
import type { Actor } from '../../matching/core/actor.ts';
import { browseLevel, pairSideLevel } from '../../matching/disclosure/audience.ts';
import { discloseExplanation } from '../../matching/disclosure/disclose-explanation.ts';
import { discloseRecord, hiddenFields, redact } from '../../matching/disclosure/policy.ts';
import type { AchievementRow, NeedRow } from '../../matching/disclosure/record-rows.ts';
import { explainPair } from '../../matching/ranking/explanation.ts';
import { achievementProfile, needProfile } from '../../matching/ranking/pair-profiles.ts';
import { scoreFeatures } from '../../matching/ranking/ranker.ts';
import { rankerV1 } from '../../matching/ranking/ranker-v1.ts';

const actor = (role: Actor['role'], orgId = 'o-other'): Actor => ({ userId: 'u', orgId, role });
const record = (confidentiality: 'public' | 'desensitised' | 'confidential') => ({ orgId: 'o-owner', confidentiality });

const at = new Date('2026-11-01T00:00:00Z');
const need = (over: Partial<NeedRow> = {}): NeedRow => ({
  id: 'n1',
  orgId: 'o-ent',
  createdBy: 'u-ent',
  title: '导尿管亲水涂层',
  description: '希望导尿管表面亲水涂层摩擦系数降低50%',
  chainId: 'biomed',
  chainSource: 'user',
  chainConfidence: 1,
  keywords: ['亲水涂层', '导尿管'],
  trlMin: 5,
  trlMax: 7,
  budgetMin: 100,
  budgetMax: 200,
  deadline: '2027-06-30',
  cooperationModes: ['licence'],
  confidentiality: 'desensitised',
  privateFields: ['trlMin', 'trlMax', 'budgetMax'],
  status: 'open',
  importKey: 'k-need',
  matchState: 'matched',
  matchedAt: at,
  managerId: 'u-mgr',
  createdAt: at,
  updatedAt: at,
  ...over,
});
const achievement = (over: Partial<AchievementRow> = {}): AchievementRow => ({
  id: 'a1',
  orgId: 'o-inst',
  createdBy: 'u-inst',
  title: '医用高分子亲水涂层',
  abstract: '一种用于导尿管的亲水涂层，摩擦系数降低80%',
  chainId: 'biomed',
  chainSource: 'user',
  chainConfidence: 1,
  keywords: ['亲水涂层'],
  patents: [{ number: 'ZL2021' }],
  ipStatus: 'granted',
  trl: 6,
  team: { lead: '王教授' },
  transferModes: ['licence'],
  priceMin: 50,
  priceMax: 100,
  confidentiality: 'public',
  status: 'published',
  importKey: 'k-ach',
  createdAt: at,
  updatedAt: at,
  ...over,
});

describe('who sees which level (disclosure/audience.ts)', () => {
  it('gives owners in the owner role and admins everything', () => {
    expect(browseLevel(actor('enterprise', 'o-owner'), record('confidential'), false, 'enterprise')).toBe('full');
    expect(browseLevel(actor('admin'), record('confidential'), false, 'enterprise')).toBe('full');
  });

  it('does not treat another role inside the owning organisation as the owner', () => {
    // A manager account created inside a university must not read or edit the university's secrets.
    expect(browseLevel(actor('manager', 'o-owner'), record('confidential'), true, 'institution')).toBe('none');
    expect(browseLevel(actor('manager', 'o-owner'), record('desensitised'), true, 'institution')).toBe('desensitised');
  });

  it('hides confidential, unlisted and peer records from browsing', () => {
    expect(browseLevel(actor('institution'), record('confidential'), true, 'enterprise')).toBe('none');
    expect(browseLevel(actor('institution'), record('public'), false, 'enterprise')).toBe('none');
    expect(browseLevel(actor('enterprise'), record('public'), true, 'enterprise')).toBe('none');
    expect(browseLevel(actor('institution'), record('public'), true, 'enterprise')).toBe('public');
    expect(browseLevel(actor('manager'), record('desensitised'), true, 'enterprise')).toBe('desensitised');
  });

  it('shows a pair side by confidentiality, widened to public only by a disclosure', () => {
    const base = { owner: false, assignedManager: false, disclosed: false };
    expect(pairSideLevel({ ...base, confidentiality: 'confidential' })).toBe('minimal');
    expect(pairSideLevel({ ...base, confidentiality: 'confidential', disclosed: true })).toBe('public');
    expect(pairSideLevel({ ...base, confidentiality: 'public', disclosed: true })).toBe('public');
    expect(pairSideLevel({ ...base, confidentiality: 'desensitised', assignedManager: true })).toBe('full');
  });
});

describe('what each level keeps (disclosure/policy.ts)', () => {
  it('never shows the import key to anyone but the owner', () => {
    for (const level of ['public', 'desensitised', 'minimal'] as const) {
      expect(discloseRecord('need', need(), level).importKey).toBeNull();
      expect(discloseRecord('achievement', achievement(), level).importKey).toBeNull();
    }
    expect(discloseRecord('need', need(), 'full').importKey).toBe('k-need');
  });

  it('hides private fields, then identity, then everything but chain, status and dates', () => {
    expect(hiddenFields('need', need(), 'public')).toEqual([
      'trlMin',
      'trlMax',
      'budgetMax',
      'importKey',
      // The need's workflow state is the enterprise's and the bureau's.
      'matchState',
      'matchedAt',
      'managerId',
    ]);
    expect(hiddenFields('need', need(), 'desensitised')).toEqual(expect.arrayContaining(['orgId', 'createdBy']));
    expect(hiddenFields('achievement', achievement(), 'desensitised')).toEqual(
      expect.arrayContaining(['orgId', 'team', 'patents']),
    );
    const minimal = discloseRecord('need', need(), 'minimal');
    expect(minimal).toMatchObject({ id: 'n1', chainId: 'biomed', title: null, description: null, keywords: [] });
    expect(minimal).toMatchObject({ chainSource: 'user', managerId: null, matchState: null });
    expect(minimal.trlMin).toBeNull();
    expect(minimal.budgetMin).toBeNull();
  });

  it('redacts named fields and reports them', () => {
    const out = redact({ a: 1, b: ['x'], c: 'keep' }, ['a', 'b', 'missing']);
    expect(out).toEqual({ a: null, b: [], c: 'keep', redacted: ['a', 'b'] });
  });
});

describe('explanations are cut by the same rule as the records', () => {
  const features = {
    lexical: 0.9,
    dense: 0.5,
    keywordOverlap: 0.7,
    chainAgreement: 1,
    maturityFit: 1,
    modeCompatibility: 1,
    region: 0.8,
    institutionTrackRecord: 0.6,
    similarPairOutcomes: 0.5,
  };
  const n = need();
  const a = achievement();
  const explained = explainPair({
    need: needProfile(n),
    achievement: achievementProfile(a),
    features,
    parts: scoreFeatures(features, rankerV1).parts,
    sharedTerms: ['亲水涂层'],
  });
  const hidden = (nl: 'full' | 'public' | 'desensitised' | 'minimal', al: typeof nl) => ({
    need: hiddenFields('need', n, nl),
    achievement: hiddenFields('achievement', a, al),
  });

  it('keeps the whole explanation for a full audience', () => {
    expect(discloseExplanation(explained, hidden('full', 'full'))).toEqual(explained);
    expect(explained.summary).toContain('TRL 5–7');
  });

  it('drops the private maturity range and what is computed from it, keeps the rest', () => {
    const shown = discloseExplanation(explained, hidden('desensitised', 'full'));
    expect(shown.redacted).toBe(true);
    expect(shown.summary).not.toContain('TRL 5–7');
    expect(shown.parts.map((p) => p.feature)).not.toContain('maturityFit');
    // Region is a property of the (hidden) enterprise.
    expect(shown.parts.map((p) => p.feature)).not.toContain('region');
    expect(shown.sharedTerms).toEqual(['亲水涂层']);
    expect(shown.summary).toContain('合作方式匹配');
  });

  it('says nothing of a confidential record but its chain', () => {
    const shown = discloseExplanation(explained, hidden('minimal', 'full'));
    expect(shown.sharedTerms).toEqual([]);
    expect(shown.summary).not.toContain('亲水涂层');
    expect(shown.summary).not.toContain('TRL');
    expect(shown.summary).not.toContain('许可');
    expect(shown.parts.map((p) => p.feature)).toEqual(['chainAgreement', 'institutionTrackRecord']);
  });

  it('never passes on the summary of an explanation stored without its sources', () => {
    const old = { summary: '共同关键词：亲水涂层；TRL 5–7', sharedTerms: ['亲水涂层'], parts: explained.parts };
    const shown = discloseExplanation(old, hidden('desensitised', 'full'));
    expect(shown.summary).not.toContain('TRL 5–7');
    expect(shown.redacted).toBe(true);
  });
});
