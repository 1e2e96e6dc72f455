import type { Context } from 'hono';
import { getAchievement } from '../../matching/achievements/get-achievement.ts';
import { listAchievements } from '../../matching/achievements/list-achievements.ts';
import { listAchievementPairs } from '../../matching/queue/list-achievement-pairs.ts';
import { chainNames } from './chain-names.ts';
import { page } from './layout.tsx';
import type { PageEnv } from './page-env.ts';
import { Pager } from './pager.tsx';
import { AchievementFields, NeedFields, Stage } from './record-views.tsx';

/** `GET /app/achievements`: the institution's own achievements (listAchievements scopes them). */
export async function achievementsPage(c: Context<PageEnv>) {
  const texts = c.get('texts');
  const { t } = texts;
  const result = await listAchievements({
    deps: c.get('deps'),
    actor: c.get('actor'),
    input: { page: c.req.query('page') || undefined },
  });
  const body = (
    <>
      {result.items.length === 0 ? (
        <p class="muted">{t('noAchievements')}</p>
      ) : (
        <div class="table-wrap">
          <table id="achievements">
            <thead>
              <tr>
                <th>{t('title')}</th>
                <th>{t('status')}</th>
                <th>{t('trl')}</th>
                <th>{t('confidentiality')}</th>
                <th>{t('createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((a) => (
                <tr data-achievement-id={a.id}>
                  <td>
                    <a href={`/app/achievements/${a.id}`}>{a.title}</a>
                  </td>
                  <td>{texts.code(a.status)}</td>
                  <td class="n">{a.trl ?? '–'}</td>
                  <td>{texts.code(a.confidentiality)}</td>
                  <td>{texts.date(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager c={c} result={result} />
    </>
  );
  return page(c, t('myAchievements'), body);
}

/** `GET /app/achievements/:id`: the achievement and the accepted pairs involving it, needs as disclosure allows. */
export async function achievementPage(c: Context<PageEnv>) {
  const texts = c.get('texts');
  const { t } = texts;
  const deps = c.get('deps');
  const actor = c.get('actor');
  const id = c.req.param('id') ?? '';
  const achievement = await getAchievement({ deps, actor, id });
  const [pairs, chains] = await Promise.all([
    listAchievementPairs({ deps, actor, id, input: { page: c.req.query('page') || undefined } }),
    chainNames(deps),
  ]);
  const body = (
    <>
      <section class="card">
        <AchievementFields achievement={achievement} texts={texts} chains={chains} />
      </section>
      <h2>{t('pairsOfAchievement')}</h2>
      {pairs.items.length === 0 ? <p class="muted">{t('noAchievementPairs')}</p> : null}
      {pairs.items.map((pair) => (
        <section class="card" data-suggestion-id={pair.id}>
          <p>
            <Stage stage={pair.stage} texts={texts} />
          </p>
          <NeedFields need={pair.need} texts={texts} chains={chains} />
          <p>{pair.explanation.summary}</p>
        </section>
      ))}
      <Pager c={c} result={pairs} />
    </>
  );
  return page(c, achievement.title, body);
}
