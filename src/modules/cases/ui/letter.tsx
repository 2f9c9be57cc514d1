/**
 * Letters to the client from templates in both official languages: an acknowledgement, a request
 * for documents, the decision. The page is the printable letter; its language toggle gives the
 * other language's version (a client gets the letter in the language of their file).
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import { loadCatalogue } from '../catalogue.js';
import { CASE_STAFF } from '../cases.routes.js';
import { getCaseFile } from '../inventory.service.js';
import { CENTRAL_ZONE, localDay } from '../intake.service.js';
import { formatDay, pick } from './parts.js';

const KINDS = ['acknowledgement', 'documents', 'decision'] as const;

export function registerLetterPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, {
    id: 'cases.letter',
    paths: { en: '/en/cases/:caseNumber/letter', fr: '/fr/dossiers/:caseNumber/lettre' },
    access: CASE_STAFF,
    modified: '2026-11-24',
    async handler(context) {
      const { t, language, request, href } = context;
      const number = (request.params as { caseNumber: string }).caseNumber;
      const { file, requests } = await getCaseFile({ db: deps.database.db, actor: actorOf(request), number, purpose: 'letter' });
      const type = (await loadCatalogue(deps.database.db)).get(file.type_code)!;
      const asked = fieldText((request.query as Record<string, unknown>).kind, 20);
      const kind = KINDS.find((k) => k === asked) ?? (file.decision ? 'decision' : 'acknowledgement');
      const values = { name: `${file.given_names} ${file.surname}`, number: file.number, type: pick(type.name, language), expected: formatDay(file.expected_by, language) };
      const open = requests.filter((r) => r.received_at === null);
      return {
        title: t('cases.letter.title', { number: file.number }),
        breadcrumbs: [
          { href: href('cases.inventory'), label: t('cases.inventory.title') },
          { href: href('cases.case', { caseNumber: file.number }), label: file.number },
        ],
        body: (
          <>
            <nav aria-label={t('cases.letter.kinds')}>
              <ul className="inline-list">
                {KINDS.map((k) => (
                  <li key={k}>
                    <a href={`${href('cases.letter', { caseNumber: file.number })}?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
                      {t(`cases.letter_kind.${k}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <article className="letter">
              <p>{formatDay(localDay(deps.clock.now(), CENTRAL_ZONE), language)}</p>
              <p>{values.name}</p>
              <p>
                <strong>{t('cases.letter.subject', values)}</strong>
              </p>
              <p>{t('cases.letter.greeting', values)}</p>
              {kind === 'acknowledgement' ? <p>{t('cases.letter.acknowledgement', values)}</p> : null}
              {kind === 'documents' ? (
                <>
                  <p>{t('cases.letter.documents', values)}</p>
                  <ul>
                    {open.map((r) => (
                      <li key={r.id}>
                        {t(`cases.document.${r.kind}`)} — {t('cases.status.due', { day: formatDay(r.due_day, language) })}
                        {r.note ? ` ${r.note}` : ''}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {kind === 'decision' ? <p>{file.decision ? `${t(`cases.decision.${file.decision}`, { day: formatDay(localDay(file.decided_at!, CENTRAL_ZONE), language) })} ${file.decision_note ?? ''}` : t('cases.letter.no_decision')}</p> : null}
              <p>{t('cases.letter.tracker', values)}</p>
              <p>{t('cases.letter.closing')}</p>
            </article>
          </>
        ),
      };
    },
  });
}
