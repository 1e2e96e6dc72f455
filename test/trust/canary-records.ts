import { sampleAchievement, sampleNeed } from '../support/factories.ts';
import { asciiCanary, type Canary, hanCanary } from './canary-tokens.ts';

/** A record's create body with a distinct token in each confidential field, so a hit names its source. */
export type PlantedRecord = { input: Record<string, unknown>; canaries: Canary[] };
export type CanaryPlant = {
  need: PlantedRecord;
  achievement: PlantedRecord;
  /** A keyword both records carry: it becomes a shared term of the pair's explanation, which each party owns. */
  shared: Canary[];
  all: Canary[];
};

const plant = (labels: Record<string, string>): Canary[] =>
  Object.entries(labels).map(([label, token]) => ({ label, token }));

/**
 * A confidential need of enterprise E. The text is the sample dye-wastewater need, so the real pipeline pairs
 * it with the achievement below; the tokens ride along in title, description and keywords.
 */
function canaryNeed(chainId: string, shared: string): PlantedRecord {
  const canaries = plant({
    'need.title': asciiCanary(),
    'need.title (han)': hanCanary(),
    'need.description': asciiCanary(),
    'need.description (han)': hanCanary(),
    'need.keywords': asciiCanary(),
  });
  const [title, titleHan, description, descriptionHan, keyword] = canaries.map((c) => c.token);
  const base = sampleNeed();
  return {
    canaries,
    input: sampleNeed({
      chainId,
      confidentiality: 'confidential',
      title: `${base.title}${titleHan} ${title}`,
      description: `${base.description} 项目代号${descriptionHan}，内部编号 ${description}。`,
      keywords: [...base.keywords, keyword, shared],
    }),
  };
}

/** A confidential achievement of institution I on the same topic: title, abstract, keywords, lead, patent. */
function canaryAchievement(chainId: string, shared: string): PlantedRecord {
  const canaries = plant({
    'achievement.title': asciiCanary(),
    'achievement.title (han)': hanCanary(),
    'achievement.abstract': asciiCanary(),
    'achievement.abstract (han)': hanCanary(),
    'achievement.keywords': asciiCanary(),
    'achievement.team.lead': hanCanary(),
    'achievement.patents.number': asciiCanary(),
  });
  const [title, titleHan, abstract, abstractHan, keyword, lead, patent] = canaries.map((c) => c.token);
  const base = sampleAchievement();
  return {
    canaries,
    input: sampleAchievement({
      chainId,
      confidentiality: 'confidential',
      title: `${base.title}${titleHan} ${title}`,
      abstract: `${base.abstract} 课题代号${abstractHan}，内部编号 ${abstract}。`,
      keywords: [...base.keywords, keyword, shared],
      team: { lead: `${lead}教授`, members: ['李博士'] },
      patents: [{ number: `ZL${patent}`, title: '一种负载型臭氧催化剂', status: 'granted' }],
    }),
  };
}

/** The tokens of both records and of their pair, planted in bodies ready to post. */
export function canaryPlant(chainId: string): CanaryPlant {
  const shared = plant({ 'pair.sharedKeyword': asciiCanary() });
  const token = shared[0]?.token ?? '';
  const need = canaryNeed(chainId, token);
  const achievement = canaryAchievement(chainId, token);
  return { need, achievement, shared, all: [...need.canaries, ...achievement.canaries, ...shared] };
}

/** Public records of a rival enterprise and another institution on the same topic, without tokens. */
export const decoyNeed = (chainId: string) =>
  sampleNeed({ chainId, title: '印染废水膜法回用改造', confidentiality: 'public' });
export const decoyAchievement = (chainId: string) =>
  sampleAchievement({ chainId, title: '印染废水电催化氧化深度处理技术', confidentiality: 'public', patents: [] });
