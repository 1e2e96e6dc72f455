import type { Context } from 'hono';
import { getNeed } from '../../matching/needs/get-need.ts';
import { listNeeds } from '../../matching/needs/list-needs.ts';
import { counterpartContacts } from '../../matching/pages-read/counterpart-contacts.ts';
import { listNeedSuggestions } from '../../matching/queue/list-need-suggestions.ts';
import { chainNames } from './chain-names.ts';
import { page } from './layout.tsx';
import type { PageEnv } from './page-env.ts';
import { Pager } from './pager.tsx';
import { AchievementFields, NeedFields, Stage } from './record-views.tsx';

/** `GET /app/needs`: the enterprise's own needs (listNeeds scopes them) with status and match state. */
export async function needsPage(c: Context<PageEnv>) {
  const texts = c.get('texts');
  const { t } = texts;
  const result = await listNeeds({
    deps: c.get('deps'),
    actor: c.get('actor'),
    input: { page: c.req.query('page') || undefined },
  });
  const body = (
    <>
      <p>
        <a href="/app/needs/new">{t('postNeed')}</a>
      </p>
      {result.items.length === 0 ? (
        <p class="muted">{t('noNeeds')}</p>
      ) : (
        <div class="table-wrap">
          <table id="needs">
            <thead>
              <tr>
                <th>{t('title')}</th>
                <th>{t('status')}</th>
                <th>{t('matchState')}</th>
                <th>{t('confidentiality')}</th>
                <th>{t('createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((need) => (
                <tr data-need-id={need.id}>
                  <td>
                    <a href={`/app/needs/${need.id}`}>{need.title}</a>
                  </td>
                  <td>{texts.code(need.status)}</td>
                  <td>{texts.code(need.matchState)}</td>
                  <td>{texts.code(need.confidentiality)}</td>
                  <td>{texts.date(need.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager c={c} result={result} />
    </>
  );
  return page(c, t('myNeeds'), body);
}

/**
 * `GET /app/needs/:id`: the need (getNeed: another enterprise's is a 404, like a missing id) and the
 * achievements a manager accepted for it, with their stage and the institution's contact where the
 * achievement's confidentiality lets the enterprise see who it is.
 */
export async function needPage(c: Context<PageEnv>) {
  const texts = c.get('texts');
  const { t } = texts;
  const deps = c.get('deps');
  const actor = c.get('actor');
  const id = c.req.param('id') ?? '';
  const need = await getNeed({ deps, actor, id });
  const [pairs, chains] = await Promise.all([
    listNeedSuggestions({ deps, actor, id, input: { page: c.req.query('page') || undefined } }),
    chainNames(deps),
  ]);
  const contacts = await counterpartContacts(
    deps,
    pairs.items.map((p) => p.achievement),
  );
  const body = (
    <>
      <section class="card">
        <p>
          {t('status')}: {texts.code(need.status)} · {t('matchState')}:{' '}
          <span id="match-state">{texts.code(need.matchState)}</span>
        </p>
        <NeedFields need={need} texts={texts} chains={chains} />
      </section>
      <h2>{t('acceptedSuggestions')}</h2>
      <p class="muted" id="progress">
        {t('progress', pairs.progress)}
      </p>
      {pairs.items.length === 0 ? <p class="muted">{t('noAccepted')}</p> : null}
      {pairs.items.map((pair) => {
        const a = pair.achievement;
        const org = a.orgId ? contacts.orgs.get(a.orgId) : undefined;
        const person = a.createdBy ? contacts.people.get(a.createdBy) : undefined;
        return (
          <section class="card suggestion" data-suggestion-id={pair.id}>
            <p>
              <Stage stage={pair.stage} texts={texts} />
            </p>
            <AchievementFields achievement={a} texts={texts} chains={chains} />
            <p>{pair.explanation.summary}</p>
            <h3>{t('contact')}</h3>
            {org ? (
              <dl class="contact">
                <dt>{t('institution')}</dt>
                <dd>{[org.name, org.city, org.district].filter(Boolean).join(' · ')}</dd>
                {a.team?.lead ? (
                  <>
                    <dt>{t('teamLead')}</dt>
                    <dd>{a.team.lead}</dd>
                  </>
                ) : null}
                {person ? (
                  <>
                    <dt>{t('contactPerson')}</dt>
                    <dd>{person.email ? `${person.name} <${person.email}>` : person.name}</dd>
                  </>
                ) : null}
              </dl>
            ) : (
              <p class="muted">{t('contactHidden')}</p>
            )}
          </section>
        );
      })}
      <Pager c={c} result={pairs} />
    </>
  );
  return page(c, need.title, body);
}
