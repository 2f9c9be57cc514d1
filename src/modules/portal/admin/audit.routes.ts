/** The audit log as JSON (one page, keyset paging) and as CSV (every filtered row, in the asked language). */
import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { eachAuditRow, searchAuditLog } from '../../../platform/auth/audit-view.service.js';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { actorOf } from '../../../platform/http/actor.js';
import { isLanguage } from '../../../platform/i18n/index.js';
import { describeRow, PAGE_SIZE, readSearch } from './audit.js';

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const AuditQuery = Type.Object({
  person: text(100),
  action: text(100),
  entityType: text(100),
  entityId: text(100),
  from: text(10),
  to: text(10),
  before: text(20),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])),
});

/** An export stops here; narrow the period for more. */
const CSV_CAP = 100_000;

export function registerAuditRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = deps.database.db;
  const tags = ['audit'];

  api.get('/api/v1/audit', { config: { access: may('platform.audit') }, schema: { tags, operationId: 'listAudit', summary: 'The audit log, newest first, filtered; `next` gives the following page', querystring: AuditQuery } }, async (request) => {
    const page = await searchAuditLog({ db, actor: actorOf(request), search: readSearch(request.query), limit: request.query.limit ?? PAGE_SIZE });
    return {
      items: page.rows.map((row) => ({
        id: String(row.id),
        occurredAt: row.occurred_at.toISOString(),
        actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
        action: row.action,
        record: row.entity_type ? { type: row.entity_type, id: row.entity_id, name: row.record_name } : null,
        ip: row.ip,
        details: row.details,
      })),
      next: page.next,
    };
  });

  api.get('/api/v1/audit.csv', { config: { access: may('platform.audit') }, schema: { tags, operationId: 'exportAuditCsv', summary: 'The filtered audit log as CSV, in the language asked (lang) or of Accept-Language', querystring: AuditQuery } }, async (request, reply) => {
    const language = isLanguage(request.query.lang) ? request.query.lang : request.language;
    const t = deps.i18n.translator(language);
    const search = readSearch(request.query);
    const rows = eachAuditRow({ db, actor: actorOf(request), search, cap: CSV_CAP });
    // The first page is read before answering, so a refused or malformed search answers its error, not a broken file.
    const first = await rows.next();
    async function* lines() {
      yield stringify([[t('audit.when'), t('audit.who'), t('audit.action'), t('admin.audit.action_code'), t('audit.record'), t('admin.audit.record_id'), t('audit.from')]]);
      for (let page = first; !page.done; page = await rows.next()) {
        yield stringify(
          page.value.map((row) => {
            const words = describeRow(row, t, language);
            return [row.occurred_at.toISOString(), words.who, words.action, row.action, words.record, row.entity_id ?? '', row.ip ?? ''];
          }),
        );
      }
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${language === 'fr' ? 'journal-audit' : 'audit-log'}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });
}
