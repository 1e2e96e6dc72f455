import type { Context } from 'hono';
import { ValidationError } from '../../matching/core/errors.ts';
import { createNeed } from '../../matching/needs/create-need.ts';
import { needPrivatableFields } from '../../matching/needs/need-input.ts';
import { confidentialityLevels, cooperationModes } from '../../schema/enums.ts';
import { fieldText } from '../i18n.ts';
import { chainNames } from './chain-names.ts';
import type { FormBody } from './form-body.ts';
import { Csrf, page } from './layout.tsx';
import type { PageEnv } from './page-env.ts';
import type { TextKey } from './texts.ts';
import { unsafeFieldsError } from './unsafe-fields.ts';

const privateFieldLabels: Record<(typeof needPrivatableFields)[number], TextKey> = {
  description: 'description',
  keywords: 'keywords',
  budgetMin: 'budgetMin',
  budgetMax: 'budgetMax',
  deadline: 'deadline',
  trlMin: 'trlMin',
  trlMax: 'trlMax',
  cooperationModes: 'cooperationModes',
};

/** A number field as the verb expects it: absent when empty, else the number (a non-number fails the verb's check). */
const numberOf = (value: string) => (value === '' ? undefined : Number.isFinite(Number(value)) ? Number(value) : value);

/** The form's fields as createNeed's input: the verb validates it exactly as it validates `POST /v1/needs`. */
export function needInputFrom(form: FormBody) {
  const optional = (value: string) => (value === '' ? undefined : value);
  return {
    title: form.text('title'),
    description: form.text('description'),
    chainId: optional(form.text('chainId')),
    keywords: form
      .text('keywords')
      .split(/[,，、;；\n]/)
      .map((k) => k.trim())
      .filter(Boolean),
    trlMin: numberOf(form.text('trlMin')),
    trlMax: numberOf(form.text('trlMax')),
    budgetMin: numberOf(form.text('budgetMin')),
    budgetMax: numberOf(form.text('budgetMax')),
    deadline: optional(form.text('deadline')),
    cooperationModes: form.all('cooperationModes'),
    confidentiality: optional(form.text('confidentiality')),
    privateFields: form.all('privateFields'),
  };
}

/** `POST /app/needs`: the enterprise's need through createNeed; invalid fields show the form again, worded. */
export async function postNeed(c: Context<PageEnv>) {
  const form = c.get('form');
  try {
    const unsafe = unsafeFieldsError(form);
    if (unsafe) throw unsafe;
    const need = await createNeed({ deps: c.get('deps'), actor: c.get('actor'), input: needInputFrom(form) });
    return c.redirect(`/app/needs/${need.id}`, 303);
  } catch (error) {
    if (error instanceof ValidationError) return needFormPage(c, form, error);
    throw error;
  }
}

/** `GET /app/needs/new`, and the same form re-shown with the entered values after a refused post. */
export async function needFormPage(c: Context<PageEnv>, form?: FormBody, error?: ValidationError) {
  const texts = c.get('texts');
  const { t } = texts;
  const chains = await chainNames(c.get('deps'));
  const value = (name: string) => form?.text(name) ?? '';
  const checked = (name: string, option: string, fallback = false) =>
    form ? form.all(name).includes(option) : fallback;
  const issues = error?.fields ?? [];
  const body = (
    <>
      {issues.length > 0 ? (
        <div class="errors" role="alert">
          <p>{t('formErrors')}</p>
          <ul>
            {issues.map((issue) => (
              <li data-field={issue.field}>
                {issue.field}: {fieldText(issue, texts.lang)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/app/needs" class="stack card" id="need-form">
        <Csrf c={c} />
        <label>
          {t('title')}
          <input type="text" name="title" required minlength={2} maxlength={200} value={value('title')} />
        </label>
        <label>
          {t('description')}
          <textarea name="description" required minlength={10} maxlength={20000}>
            {value('description')}
          </textarea>
        </label>
        <label>
          {t('chain')}
          <select name="chainId">
            <option value="">{t('chooseChain')}</option>
            {[...chains].map(([id, name]) => (
              <option value={id} selected={value('chainId') === id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('keywords')} <small class="muted">{t('keywordsHint')}</small>
          <input type="text" name="keywords" value={value('keywords')} />
        </label>
        {(['trlMin', 'trlMax'] as const).map((name) => (
          <label>
            {t(name)}
            <input type="number" name={name} min={1} max={9} step={1} value={value(name)} />
          </label>
        ))}
        {(['budgetMin', 'budgetMax'] as const).map((name) => (
          <label>
            {t(name)}
            <input type="number" name={name} min={0} step="any" value={value(name)} />
          </label>
        ))}
        <label>
          {t('deadline')}
          <input type="date" name="deadline" value={value('deadline')} />
        </label>
        <fieldset>
          <legend>{t('cooperationModes')}</legend>
          {cooperationModes.map((mode) => (
            <label>
              <input type="checkbox" name="cooperationModes" value={mode} checked={checked('cooperationModes', mode)} />
              {texts.code(mode)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('confidentiality')}</legend>
          {confidentialityLevels.map((level) => (
            <label>
              <input
                type="radio"
                name="confidentiality"
                value={level}
                checked={form ? value('confidentiality') === level : level === 'public'}
              />
              {texts.code(level)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('privateFields')}</legend>
          <p class="muted">{t('privateFieldsHint')}</p>
          {needPrivatableFields.map((field) => (
            <label>
              <input type="checkbox" name="privateFields" value={field} checked={checked('privateFields', field)} />
              {t(privateFieldLabels[field])}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('submit')}</button>
      </form>
    </>
  );
  return page(c, t('postNeed'), body, error ? 400 : 200);
}
