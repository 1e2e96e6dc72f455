import { describe, expect, it } from 'vitest';
import { normaliseHeader, parseMapArgs, resolveColumns } from '../../matching/import/column-map.ts';
import { decodeText } from '../../matching/import/decode-text.ts';
import { importKeyOf } from '../../matching/import/import-key.ts';
import {
  parseDate,
  parseInteger,
  parseIntRange,
  parseIpStatus,
  parseModes,
  parseMoneyRange,
  splitList,
} from '../../matching/import/parse-values.ts';
import { ImportSetupError } from '../../matching/import/read-table.ts';
import { gbkCsv } from './fixtures.ts';

describe('import cell readers', () => {
  it('reads price and budget cells in 万元, with units, ranges and 面议', () => {
    expect(parseMoneyRange('50-100万')).toEqual({ value: { min: 50, max: 100 } });
    expect(parseMoneyRange('50～100万元')).toEqual({ value: { min: 50, max: 100 } });
    expect(parseMoneyRange('1.5亿')).toEqual({ value: { min: 15000, max: 15000 } });
    expect(parseMoneyRange('800,000元')).toEqual({ value: { min: 80, max: 80 } });
    expect(parseMoneyRange(120)).toEqual({ value: { min: 120, max: 120 } });
    expect(parseMoneyRange('面议')).toEqual({ value: {} });
    expect(parseMoneyRange('很贵')).toMatchObject({ issue: 'invalid_money' });
  });

  it('maps Chinese cooperation modes to ids and refuses unknown ones', () => {
    expect(parseModes('合作开发 / 委托开发')).toEqual({ value: ['joint_development', 'commissioned_development'] });
    expect(parseModes('转让、独占许可；作价入股,合作开发，委托开发|先用后转')).toEqual({
      value: ['transfer', 'licence', 'equity', 'joint_development', 'commissioned_development', 'use_first_pay_later'],
    });
    expect(parseModes(['licence', 'transfer'])).toEqual({ value: ['licence', 'transfer'] });
    expect(parseModes('赠送')).toEqual({ issue: 'unknown_mode', params: { values: '赠送' } });
  });

  it('reads TRL, ranges, dates, lists and statuses as people type them', () => {
    expect(parseInteger('TRL7')).toEqual({ value: 7 });
    expect(parseInteger('６级')).toEqual({ value: 6 });
    expect(parseInteger('七')).toMatchObject({ issue: 'not_an_integer' });
    expect(parseIntRange('5-8')).toEqual({ value: { min: 5, max: 8 } });
    expect(parseIntRange('6以上')).toEqual({ value: { min: 6 } });
    expect(parseDate('2027年6月30日')).toEqual({ value: '2027-06-30' });
    expect(parseDate('2027/6/3')).toEqual({ value: '2027-06-03' });
    expect(parseDate(new Date('2027-06-30T00:00:00Z'))).toEqual({ value: '2027-06-30' });
    expect(parseDate('2027-02-30')).toMatchObject({ issue: 'invalid_date' });
    expect(splitList('膜分离，纳滤、 回用;;')).toEqual(['膜分离', '纳滤', '回用']);
    expect(parseIpStatus('已授权')).toEqual({ value: 'granted' });
  });
});

describe('import columns, keys and encodings', () => {
  it('recognises Chinese and English headers, ignoring width, spaces and units', () => {
    expect(normaliseHeader(' 价格（万元）* ')).toBe('价格');
    expect(normaliseHeader('Transfer_Modes')).toBe('transfermodes');
    const { columns, ignored } = resolveColumns(
      ['成果名称', '成果简介', '专利号', '价格（万元）', 'TRL', '完成单位', '备注'],
      'achievement',
      {},
      false,
    );
    expect(Object.fromEntries(columns)).toEqual({
      成果名称: 'title',
      成果简介: 'abstract',
      专利号: 'patents[0].number',
      '价格（万元）': 'price',
      TRL: 'trl',
      完成单位: 'organisation',
    });
    expect(ignored).toEqual(['备注']);
  });

  it('lets --map override defaults and names what is missing', () => {
    const map = parseMapArgs(['项目=title,说明=abstract', '名称=-']);
    const { columns } = resolveColumns(['名称', '项目', '说明', '成果名称'], 'achievement', map, true);
    // --map entries come first, so 项目 wins over the default 成果名称 whenever both are filled.
    expect([...columns]).toEqual([
      ['项目', 'title'],
      ['说明', 'abstract'],
      ['成果名称', 'title'],
    ]);
    expect(() => resolveColumns(['名称'], 'achievement', {}, true)).toThrow(/abstract/);
    expect(() => resolveColumns(['名称', '简介'], 'achievement', {}, false)).toThrow(/--org/);
    expect(() => resolveColumns(['名称', '简介'], 'achievement', { 名称: 'colour' }, true)).toThrow(ImportSetupError);
    expect(() => resolveColumns(['名称', '简介'], 'achievement', { 价格: 'price' }, true)).toThrow(/no column "价格"/);
  });

  it('keys a record by normalised title, organisation and patent number', () => {
    const org = '6f1c2d4e-0000-4000-8000-000000000001';
    const key = importKeyOf('achievement', '高盐废水 纳滤回用技术', org, 'ZL202110123456.7');
    expect(importKeyOf('achievement', '「高盐废水纳滤回用技术」', org, 'zl 2021 1012 3456.7')).toBe(key);
    expect(importKeyOf('achievement', '高盐废水纳滤回用技术', org, '202110123456.8')).not.toBe(key);
    expect(importKeyOf('achievement', '高盐废水纳滤回用技术', crypto.randomUUID(), 'ZL202110123456.7')).not.toBe(key);
    expect(importKeyOf('need', '高盐废水纳滤回用技术', org, 'ZL202110123456.7')).not.toBe(key);
  });

  it('decodes UTF-8 with or without a BOM, and GBK from Excel', () => {
    expect(decodeText(Buffer.from('\uFEFF成果名称', 'utf8'))).toEqual({ text: '成果名称', encoding: 'utf-8' });
    const gbk = decodeText(Buffer.from(gbkCsv, 'hex'));
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.text).toContain('湖州丝绸蛋白提取技术');
    expect(gbk.text).toContain('浙江丝绸研究所');
  });
});
