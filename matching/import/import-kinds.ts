import { achievements } from '../../schema/achievements.ts';
import { needs } from '../../schema/needs.ts';
import { createAchievementInput } from '../achievements/achievement-input.ts';
import { kindsForRole } from '../admin/role-fits-org.ts';
import { createNeedInput } from '../needs/need-input.ts';

export const importKinds = ['achievement', 'need'] as const;
export type ImportKind = (typeof importKinds)[number];

/**
 * Import targets, and the header names each field is recognised by (compared after normalisation: width,
 * case, spaces, `_`/`-` and any "(单位)" suffix are ignored). The field names themselves always match, so a
 * JSONL file in the API's own shape maps without a --map.
 */
const shared = {
  keywords: ['关键词', '关键字', 'tags'],
  chainId: ['所属产业链', '产业链', '所属产业', '产业', '行业', 'chain', 'industrychain'],
  confidentiality: ['公开程度', '保密级别', '密级', '公开方式'],
};

const achievementFields = {
  title: ['成果名称', '成果标题', '名称', '标题', '项目名称', 'name'],
  abstract: [
    '摘要',
    '简介',
    '成果简介',
    '成果摘要',
    '内容简介',
    '成果介绍',
    '技术简介',
    '描述',
    'summary',
    'description',
  ],
  ...shared,
  'patents[0].number': [
    '专利号',
    '专利',
    '专利号码',
    '专利申请号',
    '申请号',
    '授权号',
    'patent',
    'patentno',
    'patentnumber',
  ],
  patents: [],
  ipStatus: ['知识产权状态', '专利状态', '产权状态'],
  trl: ['成熟度', '技术成熟度', '成熟度等级'],
  'team.lead': ['负责人', '团队负责人', '成果负责人', '项目负责人', 'lead', 'teamlead'],
  'team.members': ['团队成员', '成员', 'members', 'teammembers'],
  team: [],
  transferModes: ['转化方式', '转让方式', '合作方式', '交易方式', 'modes'],
  price: ['价格', '报价', '价格区间', '转让价格', '参考价格', '意向价格', 'pricerange'],
  priceMin: ['最低价格', '价格下限'],
  priceMax: ['最高价格', '价格上限'],
  organisation: [
    '单位',
    '机构',
    '完成单位',
    '所属单位',
    '依托单位',
    '成果单位',
    '单位名称',
    '机构名称',
    '高校院所',
    'institution',
    'organization',
    'org',
  ],
} satisfies Record<string, string[]>;

const needFields = {
  title: ['需求名称', '需求标题', '标题', '名称', '项目名称', 'name'],
  description: ['需求描述', '需求内容', '详细描述', '描述', '内容', '问题描述', '需求详情'],
  ...shared,
  trl: ['期望成熟度', '成熟度', '技术成熟度', 'trlrange'],
  trlMin: ['成熟度下限'],
  trlMax: ['成熟度上限'],
  budget: ['预算', '预算金额', '经费预算', '投入预算', '预算区间'],
  budgetMin: ['预算下限', '最低预算'],
  budgetMax: ['预算上限', '最高预算'],
  deadline: ['截止日期', '截止时间', '期限', '完成期限', '需求截止日期'],
  cooperationModes: ['合作方式', '合作模式', '转化方式', 'modes'],
  privateFields: ['隐藏字段'],
  organisation: [
    '企业',
    '企业名称',
    '单位',
    '单位名称',
    '需求单位',
    '机构',
    'enterprise',
    'company',
    'organization',
    'org',
  ],
} satisfies Record<string, string[]>;

export type ImportField = keyof typeof achievementFields | keyof typeof needFields;

export const kindSpecs = {
  achievement: {
    table: achievements,
    schema: createAchievementInput,
    fields: achievementFields as Record<string, string[]>,
    textField: 'abstract',
    modesField: 'transferModes',
    orgKinds: kindsForRole('institution'),
  },
  need: {
    table: needs,
    schema: createNeedInput,
    fields: needFields as Record<string, string[]>,
    textField: 'description',
    modesField: 'cooperationModes',
    orgKinds: kindsForRole('enterprise'),
  },
} as const;

/** Extra names accepted on the right of --map, for fields whose canonical name is awkward to type. */
export const mapAliases: Record<string, string> = {
  patent: 'patents[0].number',
  chain: 'chainId',
  institution: 'organisation',
  enterprise: 'organisation',
  org: 'organisation',
  organization: 'organisation',
  lead: 'team.lead',
  members: 'team.members',
};
