import { jieba } from './segment.ts';

/**
 * Local place names jieba's dictionary does not tag `ns` (it takes 安吉, 德清, 吴兴 for person names). The
 * service runs in Huzhou, so its own counties and neighbours are the names both records mention most.
 */
const UNTAGGED_PLACES = new Set(['安吉', '德清', '吴兴', '南太湖', '织里', '余杭', '萧山', '嘉兴', '金华', '义乌']);

/**
 * Whether a word is a place name: in the list above, or every word jieba cuts it into is tagged `ns`
 * (湖州, 长兴县, 浙江湖州). Two records from one region both name it; that says where, not what.
 */
export function isPlaceName(word: string): boolean {
  if (UNTAGGED_PLACES.has(word)) return true;
  const tagged = jieba().tag(word, true);
  return tagged.length > 0 && tagged.every((t) => t.tag === 'ns' || UNTAGGED_PLACES.has(t.word));
}
