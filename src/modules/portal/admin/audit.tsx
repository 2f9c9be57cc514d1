/**
 * The audit log for administrators: who did what to which record, in plain words in the page's
 * language, filtered by person, action, record and period, newest first, a page at a time, and
 * the same rows as CSV.
 */
import type { FastifyInstance } from 'fastify';
import { listAuditPeople, searchAuditLog, type AuditRow, type AuditSearch } from '../../../platform/auth/audit-view.service.js';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import type { Language, Translate } from '../../../platform/i18n/index.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import { ErrorSummary, type FieldError, ScrollTable, TextField } from '../../../web/components.js';
import { breadcrumbs, Select } from './parts.js';

export const PAGE_SIZE = 50;
const SEARCH_FIELDS = ['person', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

/** A message when the catalogue has one, else the fallback (an action code recorded by newer code). */
export function translated(t: Translate, key: string, fallback: string): string {
  const text = t(key);
  return text === key ? fallback : text;
}

export const actionLabel = (t: Translate, action: string) => translated(t, `admin.action.${action}`, action);
export const entityLabel = (t: Translate, type: string) => translated(t, `admin.entity.${type}`, type);

/** The action codes the catalogue names, for the filter. */
export const catalogueActions = (deps: ModuleDeps) =>
  Object.keys(deps.i18n.catalog.en)
    .filter((key) => key.startsWith('admin.action.'))
    .map((key) => key.slice('admin.action.'.length));

/** The words of one row, for the table and for the CSV. */
export function describeRow(row: AuditRow, t: Translate, language: Language) {
  const who =
    row.actor_type === 'user' || row.actor_type === 'token'
      ? `${row.actor_name ?? row.actor_id ?? ''}${row.actor_type === 'token' ? ` (${t('audit.actor.token')})` : ''}`
      : t(`audit.actor.${row.actor_type}`);
  const type = row.entity_type ? entityLabel(t, row.entity_type) : '';
  const record = row.record_name ? `${row.record_name} (${type})` : `${type} ${row.entity_id ?? ''}`.trim();
  const format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
  return { when: `${format.format(row.occurred_at)} UTC`, who, action: actionLabel(t, row.action), record };
}

export function readSearch(query: Record<string, unknown>): AuditSearch {
  const search: AuditSearch = Object.fromEntries(SEARCH_FIELDS.map((field) => [field, fieldText(query[field], 100).trim() || undefined]));
  search.before = fieldText(query.before, 20) || undefined;
  return search;
}

const queryOf = (search: AuditSearch, extra: Record<string, string> = {}) => {
  const entries = Object.entries({ ...search, ...extra }).filter(([, v]) => typeof v === 'string' && v !== '') as [string, string][];
  return new URLSearchParams(entries).toString();
};

export function registerAuditPage(app: FastifyInstance, deps: ModuleDeps): void {
  const db = deps.database.db;
  registerPage(app, deps.shell, {
    id: 'portal.audit',
    paths: { en: '/en/staff/audit', fr: '/fr/personnel/journal' },
    access: may('platform.audit'),
    modified: '2026-12-04',
    async handler(context) {
      const { t, href, language, request } = context;
      const actor = actorOf(request);
      const search = readSearch(request.query as Record<string, unknown>);
      let page: Awaited<ReturnType<typeof searchAuditLog>> = { rows: [], next: null };
      let errors: FieldError[] = [];
      try {
        page = await searchAuditLog({ db, actor, search, limit: PAGE_SIZE });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        errors = fieldErrors(error, t);
      }
      const people = await listAuditPeople({ db, actor });
      const error = (field: string) => errors.find((e) => e.field === field)?.message;
      const filters = { ...search, before: undefined };
      const self = href('portal.audit');
      return {
        title: t('audit.title'),
        status: errors.length > 0 ? 400 : 200,
        breadcrumbs: breadcrumbs(context),
        body: (
          <>
            <ErrorSummary errors={errors} t={t} />
            <p>{t('audit.intro')}</p>
            <form method="get" action={self} className="admin-filters" aria-labelledby="filters-heading">
              <h2 id="filters-heading" className="visually-hidden">
                {t('admin.audit.filters')}
              </h2>
              <Select
                id="person"
                label={t('admin.audit.person')}
                value={search.person ?? ''}
                options={[
                  { value: '', label: t('admin.audit.anyone') },
                  ...people.users.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
                  ...people.tokens.map((k) => ({ value: k.id, label: `${k.name} (${t('audit.actor.token')})` })),
                ]}
              />
              <Select
                id="action"
                label={t('admin.audit.action')}
                value={search.action ?? ''}
                options={[{ value: '', label: t('admin.audit.any_action') }, ...catalogueActions(deps).map((a) => ({ value: a, label: actionLabel(t, a) })).sort((x, y) => x.label.localeCompare(y.label, language))]}
              />
              <TextField id="entityType" label={t('admin.audit.entity_type')} hint={t('admin.audit.entity_type_hint')} value={search.entityType ?? ''} t={t} />
              <TextField id="entityId" label={t('admin.audit.entity_id')} value={search.entityId ?? ''} t={t} />
              <TextField id="from" type="date" label={t('admin.audit.from')} value={search.from ?? ''} error={error('from')} t={t} />
              <TextField id="to" type="date" label={t('admin.audit.to')} value={search.to ?? ''} error={error('to')} t={t} />
              <button type="submit">{t('admin.audit.apply')}</button>
            </form>
            <p className="actions">
              <a href={self}>{t('admin.audit.clear')}</a>
              <a href={`/api/v1/audit.csv?${queryOf(filters, { lang: language })}`} download>
                {t('admin.audit.csv')}
              </a>
            </p>
            <AuditTable rows={page.rows} t={t} language={language} newest={search.before === undefined} />
            {page.next ? (
              <nav className="pagination" aria-label={t('admin.audit.paging')}>
                <ul>
                  {search.before ? (
                    <li>
                      <a href={`${self}?${queryOf(filters)}`}>{t('admin.audit.newest')}</a>
                    </li>
                  ) : null}
                  <li>
                    <a href={`${self}?${queryOf(filters, { before: page.next })}`} rel="next">
                      {t('admin.audit.older')}
                    </a>
                  </li>
                </ul>
              </nav>
            ) : null}
          </>
        ),
      };
    },
  });
}

function AuditTable({ rows, t, language, newest }: { rows: AuditRow[]; t: Translate; language: Language; newest: boolean }) {
  return (
    <ScrollTable id="audit-caption" caption={newest ? t('audit.caption', { count: rows.length }) : t('admin.audit.caption_older', { count: rows.length })}>
      <thead>
        <tr>
          <th scope="col">{t('audit.when')}</th>
          <th scope="col">{t('audit.who')}</th>
          <th scope="col">{t('audit.action')}</th>
          <th scope="col">{t('audit.record')}</th>
          <th scope="col">{t('audit.from')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const words = describeRow(row, t, language);
          return (
            <tr key={row.id}>
              <td>
                <time dateTime={row.occurred_at.toISOString()}>{words.when}</time>
              </td>
              <td>{words.who}</td>
              <td>
                {words.action}
                {words.action === row.action ? null : (
                  <>
                    {' '}
                    <code className="admin-code">{row.action}</code>
                  </>
                )}
              </td>
              <td>{words.record || '—'}</td>
              <td>{row.ip ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
