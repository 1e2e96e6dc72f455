import type { Context } from 'hono';
import { getManagedPair } from '../../matching/pages-read/get-managed-pair.ts';
import { listSuggestionEvents } from '../../matching/queue/list-events.ts';
import type { QueueItem } from '../../matching/queue/queue-item.ts';
import { movableStages } from '../../matching/queue/stage-machine.ts';
import { FEATURE_LABELS } from '../../matching/ranking/labels.ts';
import { declineReasons } from '../../schema/enums.ts';
import { chainNames } from './chain-names.ts';
import { Csrf, page } from './layout.tsx';
import type { PageEnv } from './page-env.ts';
import { AchievementFields, NeedFields, Stage } from './record-views.tsx';
import type { Texts } from './texts.ts';

/**
 * `GET /app/pairs/:id`: one pair as its manager may see it (the queue's view and disclosure), the explanation
 * with a bar per feature, the history, and the forms for the moves the stage machine allows from here.
 * `problem` is an error from a form just posted, shown above the forms with the answer's status.
 */
export async function pairPage(c: Context<PageEnv>, problem?: { message: string; status: 400 | 409 }) {
  const texts = c.get('texts');
  const { t } = texts;
  const deps = c.get('deps');
  const actor = c.get('actor');
  const id = c.req.param('id') ?? '';
  const item = await getManagedPair({ deps, actor, id });
  const [{ items: events }, chains] = await Promise.all([listSuggestionEvents({ deps, actor, id }), chainNames(deps)]);
  const body = (
    <>
      <p>
        <Stage stage={item.stage} texts={texts} /> {t('score')} {item.score.toFixed(2)} · {item.modelVersion}
      </p>
      {problem ? (
        <p class="errors" role="alert">
          {problem.message}
        </p>
      ) : null}
      <div class="side-by-side">
        <section class="card" aria-label={t('need')}>
          <p class="muted">{t('need')}</p>
          <NeedFields need={item.need} texts={texts} chains={chains} />
        </section>
        <section class="card" aria-label={t('achievement')}>
          <p class="muted">{t('achievement')}</p>
          <AchievementFields achievement={item.achievement} texts={texts} chains={chains} />
        </section>
      </div>
      <Explanation item={item} texts={texts} />
      <h2>{t('actions')}</h2>
      <Actions c={c} item={item} />
      <h2>{t('history')}</h2>
      <div class="table-wrap">
        <table id="history">
          <thead>
            <tr>
              <th>{t('at')}</th>
              <th>{t('event')}</th>
              <th>{t('change')}</th>
              <th>{t('detail')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr>
                <td>{texts.date(event.at)}</td>
                <td>{texts.code(event.type)}</td>
                <td>
                  {event.fromStage
                    ? `${texts.code(event.fromStage)} → ${texts.code(event.toStage)}`
                    : texts.code(event.toStage)}
                </td>
                <td>{eventDetail(event.data, texts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
  return page(c, item.need.title ?? t('hidden'), body, problem?.status ?? 200);
}

/** The reason and note of a decision or move; routing details stay in the raw log the API serves. */
function eventDetail(data: unknown, texts: Texts): string {
  if (typeof data !== 'object' || data === null) return '';
  const { reason, note } = data as { reason?: unknown; note?: unknown };
  return [typeof reason === 'string' ? texts.code(reason) : '', typeof note === 'string' ? note : '']
    .filter(Boolean)
    .join(' · ');
}

function Explanation({ item, texts }: { item: QueueItem; texts: Texts }) {
  const { t } = texts;
  const { explanation } = item;
  const largest = Math.max(0.0001, ...explanation.parts.map((p) => Math.abs(p.contribution)));
  return (
    <section class="card" id="explanation">
      <h2>{t('explanation')}</h2>
      <p>{explanation.summary}</p>
      <p>
        {t('sharedTerms')}: {explanation.sharedTerms.length > 0 ? explanation.sharedTerms.join('、') : t('none')}
      </p>
      {explanation.parts.length > 0 ? (
        <>
          <h3>{t('features')}</h3>
          <div class="bars">
            {explanation.parts.map((part) => (
              <>
                <span>{texts.feature(part.feature, FEATURE_LABELS[part.feature])}</span>
                <meter min={0} max={largest} value={Math.max(0, part.contribution)} data-feature={part.feature}>
                  {part.contribution.toFixed(3)}
                </meter>
                <span class="muted formula">
                  {part.value.toFixed(2)} × {part.weight.toFixed(2)} = {part.contribution.toFixed(3)}
                </span>
              </>
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}

function Actions({ c, item }: { c: Context<PageEnv>; item: QueueItem }) {
  const texts = c.get('texts');
  const { t } = texts;
  const base = `/app/pairs/${item.id}`;
  const moves = item.allowedMoves.filter((s): s is (typeof movableStages)[number] =>
    (movableStages as readonly string[]).includes(s),
  );
  const note = (
    <label>
      {t('note')}
      <textarea name="note" maxlength={2000} />
    </label>
  );
  if (item.stage !== 'routed' && item.stage !== 'claimed' && moves.length === 0)
    return <p class="muted">{t('noActions')}</p>;
  return (
    <div class="actions">
      {item.stage === 'routed' ? (
        <form method="post" action={`${base}/claim`} id="claim-form">
          <Csrf c={c} />
          <button type="submit">{t('claim')}</button>
        </form>
      ) : null}
      {item.stage === 'claimed' ? (
        <>
          <form method="post" action={`${base}/decision`} id="accept-form">
            <Csrf c={c} />
            <input type="hidden" name="decision" value="accept" />
            {note}
            <button type="submit">{t('accept')}</button>
          </form>
          <form method="post" action={`${base}/decision`} id="decline-form">
            <Csrf c={c} />
            <input type="hidden" name="decision" value="decline" />
            <label>
              {t('reason')}
              <select name="reason" required>
                {declineReasons.map((reason) => (
                  <option value={reason}>{texts.code(reason)}</option>
                ))}
              </select>
            </label>
            {note}
            <button type="submit" class="danger">
              {t('decline')}
            </button>
          </form>
        </>
      ) : null}
      {moves.length > 0 ? (
        <form method="post" action={`${base}/stage`} id="stage-form">
          <Csrf c={c} />
          <label>
            {t('moveTo')}
            <select name="to">
              {moves.map((stage) => (
                <option value={stage}>{texts.code(stage)}</option>
              ))}
            </select>
          </label>
          {note}
          <button type="submit">{t('move')}</button>
        </form>
      ) : null}
    </div>
  );
}
