import type { Context } from 'hono';
import type { Page } from '../../matching/core/pagination.ts';
import { listQueue } from '../../matching/queue/list-queue.ts';
import type { PairGroup } from '../../matching/queue/pair-list.ts';
import { workingStages } from '../../matching/queue/stage-machine.ts';
import { chainNames } from './chain-names.ts';
import { page } from './layout.tsx';
import type { PageEnv } from './page-env.ts';
import { Pager } from './pager.tsx';
import { Stage } from './record-views.tsx';

const ageChoices = [
  ['24', 'olderThan24'],
  ['72', 'olderThan72'],
  ['168', 'olderThan168'],
] as const;

/** The filters as the queue verb takes them; an empty select means "any" and is left out. */
function queueQuery(c: Context<PageEnv>) {
  const picked = (name: string) => c.req.query(name) || undefined;
  return {
    groupBy: 'need',
    chain: picked('chain'),
    stage: picked('stage'),
    olderThanHours: picked('olderThanHours'),
    page: picked('page'),
  };
}

/** `GET /app/queue`: the manager's queue grouped by need (listQueue, as `GET /v1/queue?groupBy=need`). */
export async function queuePage(c: Context<PageEnv>) {
  const { t, date } = c.get('texts');
  const texts = c.get('texts');
  const deps = c.get('deps');
  const query = queueQuery(c);
  const [result, chains] = await Promise.all([
    listQueue({ deps, actor: c.get('actor'), input: query, surface: 'page' }) as Promise<Page<PairGroup>>,
    chainNames(deps),
  ]);
  const selected = (name: 'chain' | 'stage' | 'olderThanHours', value: string) => query[name] === value;
  const body = (
    <>
      <form method="get" action="/app/queue" class="filters card" aria-label={t('filters')}>
        <label>
          {t('chain')}
          <select name="chain">
            <option value="">{t('anyValue')}</option>
            {[...chains].map(([id, name]) => (
              <option value={id} selected={selected('chain', id)}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('stage')}
          <select name="stage">
            <option value="">{t('anyValue')}</option>
            {workingStages.map((stage) => (
              <option value={stage} selected={selected('stage', stage)}>
                {texts.code(stage)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('waiting')}
          <select name="olderThanHours">
            <option value="">{t('anyValue')}</option>
            {ageChoices.map(([hours, label]) => (
              <option value={hours} selected={selected('olderThanHours', hours)}>
                {t(label)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('apply')}</button>
      </form>
      {result.items.length === 0 ? <p class="muted">{t('noPairs')}</p> : null}
      {result.items.map((group) => (
        <section class="card need-group" data-need-id={group.need.id}>
          <h2>
            {group.need.title ?? t('hidden')}{' '}
            <small class="muted">
              {group.pairs.length} {t('pairs')}
              {group.need.chainId ? ` · ${chains.get(group.need.chainId) ?? group.need.chainId}` : ''}
              {group.need.deadline ? ` · ${t('deadline')} ${group.need.deadline}` : ''}
            </small>
          </h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('achievement')}</th>
                  <th>{t('stage')}</th>
                  <th>{t('score')}</th>
                  <th>{t('routedAt')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {group.pairs.map((pair) => (
                  <tr data-pair-id={pair.id}>
                    <td>{pair.achievement.title ?? t('hidden')}</td>
                    <td>
                      <Stage stage={pair.stage} texts={texts} />
                    </td>
                    <td class="n">{pair.score.toFixed(2)}</td>
                    <td>{date(pair.routedAt)}</td>
                    <td>
                      <a href={`/app/pairs/${pair.id}`}>{t('open')}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <Pager c={c} result={result} />
    </>
  );
  return page(c, t('queue'), body);
}
