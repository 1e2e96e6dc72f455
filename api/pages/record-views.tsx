import type { Child } from 'hono/jsx';
import type { PairAchievementView, PairNeedView } from '../../matching/queue/pair-views.ts';
import type { TextKey, Texts } from './texts.ts';

/** Chain id → display name, from the taxonomy. */
export type ChainNames = Map<string, string>;

const range = (from: number | null, to: number | null) =>
  from === null && to === null ? '–' : `${from ?? '…'} – ${to ?? '…'}`;

/**
 * A record's fields as the view carries them: a field the disclosure policy blanked says "hidden" rather than
 * pretending to be empty, so a manager knows to ask instead of assuming there is none.
 */
function Fields({ texts, redacted, rows }: { texts: Texts; redacted: string[]; rows: [TextKey, string[], Child][] }) {
  return (
    <dl>
      {rows.map(([label, fields, value]) => (
        <>
          <dt>{texts.t(label)}</dt>
          <dd>{fields.some((f) => redacted.includes(f)) ? <span class="muted">{texts.t('hidden')}</span> : value}</dd>
        </>
      ))}
    </dl>
  );
}

const list = (texts: Texts, values: readonly string[], coded = false) =>
  values.length === 0 ? '–' : values.map((v) => (coded ? texts.code(v) : v)).join('、');

export function NeedFields({ need, texts, chains }: { need: PairNeedView; texts: Texts; chains: ChainNames }) {
  return (
    <>
      <h3>{need.title ?? texts.t('hidden')}</h3>
      <Fields
        texts={texts}
        redacted={need.redacted}
        rows={[
          ['description', ['description'], <span class="text">{need.description}</span>],
          ['chain', ['chainId'], need.chainId ? (chains.get(need.chainId) ?? need.chainId) : '–'],
          ['keywords', ['keywords'], list(texts, need.keywords)],
          ['trl', ['trlMin', 'trlMax'], range(need.trlMin, need.trlMax)],
          ['budget', ['budgetMin', 'budgetMax'], range(need.budgetMin, need.budgetMax)],
          ['deadline', ['deadline'], need.deadline ?? '–'],
          ['cooperationModes', ['cooperationModes'], list(texts, need.cooperationModes, true)],
          ['confidentiality', ['confidentiality'], texts.code(need.confidentiality)],
        ]}
      />
    </>
  );
}

export function AchievementFields({
  achievement: a,
  texts,
  chains,
}: {
  achievement: PairAchievementView;
  texts: Texts;
  chains: ChainNames;
}) {
  const members = a.team ?? {}; // null when the policy hid it
  const team = [members.lead, ...(members.members ?? [])].filter((m): m is string => Boolean(m));
  return (
    <>
      <h3>{a.title ?? texts.t('hidden')}</h3>
      <Fields
        texts={texts}
        redacted={a.redacted}
        rows={[
          ['abstract', ['abstract'], <span class="text">{a.abstract}</span>],
          ['chain', ['chainId'], a.chainId ? (chains.get(a.chainId) ?? a.chainId) : '–'],
          ['keywords', ['keywords'], list(texts, a.keywords)],
          ['trl', ['trl'], a.trl ?? '–'],
          ['ipStatus', ['ipStatus'], texts.code(a.ipStatus)],
          [
            'patents',
            ['patents'],
            list(
              texts,
              a.patents.map((p) => (p.title ? `${p.number} ${p.title}` : p.number)),
            ),
          ],
          ['team', ['team'], list(texts, team)],
          ['transferModes', ['transferModes'], list(texts, a.transferModes, true)],
          ['price', ['priceMin', 'priceMax'], range(a.priceMin, a.priceMax)],
          ['confidentiality', ['confidentiality'], texts.code(a.confidentiality)],
        ]}
      />
    </>
  );
}

export const Stage = ({ stage, texts }: { stage: string; texts: Texts }) => (
  <span class="stage" data-stage={stage}>
    {texts.code(stage)}
  </span>
);
