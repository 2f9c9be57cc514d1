/**
 * The lobby display: tickets being called and their counter, in both official languages, large
 * and high-contrast. Tickets only, never names. Without JavaScript it refreshes itself; with it,
 * board.js follows the live stream, chimes (and speaks, if asked) on each call, reconnects by
 * itself and resynchronises from a fresh snapshot after any gap.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import { getBoardSnapshot } from '../wait.service.js';

export function registerBoardPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, {
    id: 'visits.board',
    paths: { en: '/en/visits/:code/board', fr: '/fr/visites/:code/tableau' },
    access: 'public',
    modified: '2026-11-23',
    async handler({ request, language }) {
      const board = await getBoardSnapshot({ db: deps.database.db, siteRef: (request.params as { code: string }).code, now: deps.clock.now() });
      const en = deps.i18n.translator('en');
      const fr = deps.i18n.translator('fr');
      const both = (key: string, values?: Record<string, string | number>) => (
        <>
          <span lang="en">{en(key, values)}</span> <span className="board-sep">/</span> <span lang="fr">{fr(key, values)}</span>
        </>
      );
      const first = language === 'fr' ? fr : en;
      return {
        title: first('visits.board.title', { site: language === 'fr' ? board.nameFr : board.nameEn }),
        refreshSeconds: 20,
        scripts: ['/assets/board.js'],
        bodyClass: 'board',
        body: (
          <div className="board-frame" data-site={board.siteId} data-snapshot-url={`/api/v1/sites/${board.siteId}/board`} data-stream-url={`/api/v1/live/sites/${board.siteId}/visits`}>
            <table className="board-table">
              <caption>{both('visits.board.now_serving')}</caption>
              <thead>
                <tr>
                  <th scope="col">{both('visits.board.ticket')}</th>
                  <th scope="col">{both('visits.board.counter')}</th>
                </tr>
              </thead>
              <tbody id="board-rows">
                {board.called.map((call) => (
                  <tr key={`${call.ticket}-${call.calledAt}`} className={call.serving ? 'serving' : 'past'}>
                    <td className="board-ticket">{call.ticket}</td>
                    <td>{call.counter}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p id="board-empty" hidden={board.called.length > 0}>
              {both('visits.board.empty')}
            </p>
            <p className="board-waiting">
              {both('visits.board.waiting')} <strong id="board-waiting-count">{board.waiting}</strong>
            </p>
            <p id="board-announcer" className="visually-hidden" aria-live="assertive" />
            <div className="board-controls" id="board-controls" hidden>
              <button type="button" id="board-sound">
                {both('visits.board.sound_on')}
              </button>
              <label>
                <input type="checkbox" id="board-speech" /> {both('visits.board.speech')}
              </label>
              <span id="board-connection" role="status" data-online-en={en('visits.board.online')} data-online-fr={fr('visits.board.online')} data-offline-en={en('visits.board.offline')} data-offline-fr={fr('visits.board.offline')} />
              <span hidden id="board-say-en" data-template={en('visits.board.say', { ticket: '{ticket}', counter: '{counter}' })} />
              <span hidden id="board-say-fr" data-template={fr('visits.board.say', { ticket: '{ticket}', counter: '{counter}' })} />
            </div>
          </div>
        ),
      };
    },
  });
}
