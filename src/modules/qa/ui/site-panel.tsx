/**
 * On each service point's page, for those who watch service quality: how the site's observed
 * interactions went, and the way to record one (the form opens with the site filled in).
 */
import type { ModuleDeps } from '../../../platform/deps.js';
import { allows } from '../../../platform/auth/roles.js';
import { OutOfScopeError } from '../../../platform/auth/scope.js';
import { actorOf } from '../../../platform/http/actor.js';
import type { PageContext } from '../../../platform/ssr/pages.js';
import { SITE_PANEL } from '../../network/index.js';
import { listObservationSummary } from '../quality.service.js';
import { QA_READERS } from '../qa.routes.js';
import { formatters, QA_PAGES } from './parts.js';

export function registerQaSitePanel(deps: ModuleDeps): void {
  deps.shell.panels.add(SITE_PANEL, async (subject: { id: string; code: string }, context: PageContext) => {
    const { t, href, language, request } = context;
    if (!allows(QA_READERS, request.principal?.role)) return null;
    // A site outside the reader's scope shows no panel rather than a refusal on someone else's page.
    const found = await listObservationSummary({ db: deps.database.db, actor: actorOf(request), siteRef: subject.id, limit: 1000 }).catch((error: unknown) => {
      if (error instanceof OutOfScopeError) return null;
      throw error;
    });
    if (!found) return null;
    const { observations, summary } = found;
    const pass = summary.reduce((sum, s) => sum + s.pass, 0);
    const rated = summary.reduce((sum, s) => sum + s.pass + s.fail, 0);
    return (
      <section key="qa-panel" aria-labelledby="qa-panel-title" className="panel">
        <h2 id="qa-panel-title">{t('qa.panel.title')}</h2>
        <p>{observations.length ? t('qa.panel.summary', { count: observations.length, share: formatters(language).percent(pass / rated) }) : t('qa.panel.none')}</p>
        <p>
          <a href={`${href(QA_PAGES.observations)}?site=${encodeURIComponent(subject.code)}`}>{t('qa.panel.record')}</a>
        </p>
      </section>
    );
  });
}
