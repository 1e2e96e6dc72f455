import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyChain } from '../../matching/classify/classify-chain.ts';
import { resolveChain } from '../../matching/classify/resolve-chain.ts';
import type { ChainDefinition } from '../../matching/classify/taxonomy.ts';

const seed = JSON.parse(readFileSync(new URL('../../schema/seed/chains-huzhou-1366.json', import.meta.url), 'utf8'));
const taxonomy: ChainDefinition[] = seed.chains;

// [expected chain(s), title, body]: needs and achievements written the way enterprises and institutes write them.
const cases: [string | string[], string, string][] = [
  ['ai', '基于深度学习的布匹瑕疵检测', '利用计算机视觉算法对织机出布面疵点实时识别，替代人工验布。'],
  ['ai', '面向制造业的行业大模型', '构建工艺知识图谱，训练行业大模型辅助工艺参数推荐。'],
  ['ai', '智能客服对话系统', '采用自然语言处理与机器学习技术，实现多轮对话和意图识别。'],
  [
    'textile',
    '印染废水深度处理与回用技术',
    '公司年产面料5000万米，印染环节产生高色度、高COD废水，需要低成本脱色及中水回用工艺。',
  ],
  ['textile', '童装面料抗菌整理', '寻求耐水洗的抗菌整理剂及工艺，用于纯棉童装。'],
  ['textile', '再生涤纶纱线的可纺性提升', '以废旧纺织品为原料的再生化纤，纱线断头率高，需要改进纺纱工艺。'],
  ['alloy', '高强韧钛合金锻件热处理工艺', '优化钛合金锻造和热处理工艺，提高疲劳性能。'],
  ['alloy', '耐腐蚀不锈钢管焊接工艺', '双相不锈钢管焊接接头耐腐蚀性能不足，需改进焊接工艺。'],
  ['alloy', '镍基高温合金精密铸造', '解决高温合金涡轮叶片铸造缩松缺陷。'],
  ['green_home', '竹材重组板材防霉防开裂', '以毛竹为原料生产重组竹地板，存在霉变和开裂问题，希望改性处理工艺。'],
  ['green_home', '办公座椅人体工学设计', '开发可调节腰托的办公座椅，提升久坐舒适性。'],
  ['green_home', '无醛胶黏剂在定制家居板材中的应用', '替代脲醛树脂，降低定制家具甲醛释放。'],
  ['nev', '动力电池热管理系统优化', '针对电动汽车快充和低温工况，寻求液冷板与热泵集成的热管理方案。'],
  ['nev', '新能源汽车驱动电机控制器', '开发高功率密度电驱系统，提升电机效率和电控可靠性。'],
  ['nev', '汽车零部件轻量化', '采用铝合金压铸实现底盘零部件轻量化，降低整车质量。'],
  ['smart_equipment', '工业机器人高精度减速器', '研发RV减速器，提升工业机器人关节传动精度和寿命。'],
  ['smart_equipment', '数控机床主轴热变形补偿', '五轴数控机床加工中主轴热伸长导致精度下降。'],
  ['smart_equipment', '电梯曳引机远程监测', '基于传感器和工业互联网实现电梯故障预警。'],
  ['semiconductor', '车规级碳化硅MOSFET芯片', '开发1200V SiC MOSFET器件，提升栅氧可靠性。'],
  ['semiconductor', '功率模块先进封装', 'IGBT模块封装的散热和焊层可靠性问题。'],
  ['semiconductor', '大功率激光器芯片', '研制高亮度半导体激光器芯片，用于激光加工。'],
  ['biomed', '单克隆抗体药物连续化生产', '建立抗体药物灌流培养工艺，降低原料药成本。'],
  ['biomed', '新冠抗原快速诊断试剂', '开发高灵敏度胶体金诊断试剂，缩短检测时间。'],
  ['biomed', '中药配方颗粒质量控制', '建立中药制剂指纹图谱，控制批间一致性。'],
  ['green_energy', '工业余热回收发电', '回收水泥窑余热用于发电，实现节能降碳。'],
  ['green_energy', '分布式光伏与储能协同控制', '园区光伏出力波动大，需要储能系统平滑并网。'],
  ['green_energy', '生物质气化供热', '利用农林废弃物生物质气化，替代燃煤锅炉，减少碳排放。'],
  ['geo_info', '遥感影像耕地变化监测', '基于高分辨率遥感影像自动识别耕地非农化。'],
  ['geo_info', '北斗高精度测绘终端', '开发北斗RTK测绘设备，满足地籍测量需求。'],
  ['geo_info', '城市实景三维建模', '采用倾斜摄影快速生成实景三维模型。'],
  ['evtol', 'eVTOL飞控系统', '面向低空经济的电动垂直起降飞行器飞控与适航验证。'],
  ['evtol', '多旋翼物流无人机', '开发载重20公斤的多旋翼无人机，用于山区物流配送。'],
  ['evtol', '航空复合材料旋翼桨叶', '提升飞行器旋翼桨叶的疲劳寿命。'],
  ['frontier_materials', '石墨烯导热膜', '制备高导热石墨烯膜，用于手机散热。'],
  ['frontier_materials', '二氧化硅气凝胶保温毡', '低成本常压干燥制备气凝胶，应用于管道保温。'],
  ['frontier_materials', '碳纤维复合材料回收', '热塑性碳纤维复合材料的回收再利用技术。'],
  ['smart_terminal', '智能手表可穿戴健康监测', '可穿戴设备的心率血氧监测算法和低功耗设计。'],
  ['smart_terminal', 'AR眼镜光学显示模组', '轻薄化AR眼镜的光波导显示屏方案。'],
  ['smart_terminal', '智能家居人机交互面板', '语音与触控融合的智能家居控制终端。'],
  ['synbio', '高产菌株代谢工程改造', '通过基因编辑改造底盘细胞，提高目标产物发酵产量。'],
  ['synbio', '生物制造替代化学合成', '利用合成生物技术以葡萄糖生产化工中间体。'],
  // 制剂 is also a biomedicine keyword, so an enzyme preparation may honestly read as either.
  [['synbio', 'biomed'], '工业酶制剂定向进化', '提升脂肪酶的热稳定性，用于洗涤剂。'],
  ['spatiotemporal', '室内定位与人员轨迹分析', '基于UWB的厂区室内定位，分析人员轨迹。'],
  ['spatiotemporal', '城市数字孪生平台', '整合时空大数据构建城市信息模型。'],
  ['spatiotemporal', '自动驾驶高精地图更新', '众包方式实时更新高精地图。'],
  ['frontier_battery', '固态锂电池硫化物电解质', '开发高离子电导率的硫化物电解质及其与高镍正极的界面改性技术。'],
  ['frontier_battery', '钠离子电池负极材料', '以生物质为原料制备硬碳负极，提升首效。'],
  ['frontier_battery', '铅蓄电池回收', '废旧铅蓄电池的绿色回收工艺。'],
];

describe('classifyChain', () => {
  it.each(cases)('classifies %s: %s', (expected, title, body) => {
    const guess = classifyChain({ title, body }, taxonomy);
    expect(guess).not.toBeNull();
    expect([expected].flat()).toContain(guess?.chainId);
    expect(guess?.evidence.length).toBeGreaterThan(0);
  });

  it('places the brief examples', () => {
    expect(['nev', 'frontier_battery']).toContain(classifyChain({ title: '动力电池热管理' }, taxonomy)?.chainId);
    expect(classifyChain({ title: '印染废水' }, taxonomy)?.chainId).toBe('textile');
    expect(classifyChain({ title: '竹材' }, taxonomy)?.chainId).toBe('green_home');
    expect(classifyChain({ title: '碳化硅MOSFET' }, taxonomy)?.chainId).toBe('semiconductor');
  });

  it('matches keywords through the text pipeline, not by exact string', () => {
    // 锂电 is a sub-word of 锂电池; 热管理 is segmented 热/管理 and found by its bigrams.
    expect(classifyChain({ title: '锂电池' }, taxonomy)?.evidence).toContain('锂电');
    expect(classifyChain({ title: '整车热管理' }, taxonomy)?.evidence).toContain('热管理');
    // A bigram straddling two words (安装|备件 contains 装备) is not enough on its own.
    expect(classifyChain('安装备件', taxonomy)).toBeNull();
  });

  it('returns null for text that fits no chain', () => {
    expect(
      classifyChain(
        { title: '农村家庭养老服务模式研究', body: '调研留守老人照护需求，提出社区互助养老建议。' },
        taxonomy,
      ),
    ).toBeNull();
    expect(classifyChain({ title: '唐诗宋词中的月亮意象' }, taxonomy)).toBeNull();
    expect(classifyChain('', taxonomy)).toBeNull();
  });

  it('weights the title above the body', () => {
    expect(classifyChain({ title: '无人机', body: '机身用激光切割' }, taxonomy)?.chainId).toBe('evtol');
    expect(classifyChain({ title: '激光切割', body: '用于无人机机身' }, taxonomy)?.chainId).toBe('semiconductor');
  });

  it('is more confident with a clear margin than with evidence split between chains', () => {
    const clear = classifyChain({ title: '固态锂电池正极材料', body: '电芯能量密度提升' }, taxonomy);
    const split = classifyChain({ title: '动力电池热管理' }, taxonomy);
    expect(clear?.confidence).toBeGreaterThan(0.8);
    expect(split?.confidence).toBeLessThan(0.5);
    expect(split?.confidence).toBeGreaterThan(0);
  });
});

describe('resolveChain', () => {
  it('lets the user-supplied chain win over the classifier', () => {
    const resolved = resolveChain({ userChainId: 'nev', text: { title: '固态锂电池电解质' }, taxonomy });
    expect(resolved).toEqual({ chainId: 'nev', confidence: 1, evidence: [], source: 'user' });
  });

  it('falls back to the classifier, and to null when nothing fits', () => {
    const guessed = resolveChain({ userChainId: null, text: { title: '固态锂电池电解质' }, taxonomy });
    expect(guessed?.source).toBe('classifier');
    expect(guessed?.chainId).toBe('frontier_battery');
    expect(guessed?.confidence).toBeLessThan(1);
    expect(resolveChain({ text: '唐诗宋词中的月亮意象', taxonomy })).toBeNull();
  });
});
