import { describe, expect, it } from 'vitest';
import { fieldText, pickLang } from '../../api/i18n.ts';

describe('language negotiation', () => {
  it('defaults to Chinese', () => {
    expect(pickLang(undefined)).toBe('zh');
    expect(pickLang('fr-FR')).toBe('zh');
    expect(pickLang('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
  });

  it('honours an English preference by order and quality', () => {
    expect(pickLang('en-US,en;q=0.9')).toBe('en');
    expect(pickLang('zh;q=0.3,en;q=0.7')).toBe('en');
    expect(pickLang('en;q=0,zh')).toBe('zh');
  });

  it('fills message parameters', () => {
    const issue = { field: 'title', issue: 'too_small.string', params: { minimum: 2 } };
    expect(fieldText(issue, 'zh')).toBe('长度不能少于 2 个字符');
    expect(fieldText(issue, 'en')).toBe('must be at least 2 characters');
  });
});
