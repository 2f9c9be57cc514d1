/** The page shown for an error on any page route: the message in the page's language, a way home. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../platform/http/errors.plugin.js';
import { otherLanguage } from '../platform/i18n/index.js';
import { renderShell, type ShellOptions } from '../platform/ssr/pages.js';

export function createErrorPageRenderer(shell: ShellOptions) {
  return (request: FastifyRequest, reply: FastifyReply, status: number, body: ErrorBody) => {
    const language = request.language;
    const pageId = request.routeOptions.config?.pageId;
    const other = otherLanguage(language);
    let alternateHref = shell.pages.path(shell.homePageId, other);
    if (pageId && request.method === 'GET') {
      try {
        alternateHref = shell.pages.path(pageId, other, (request.params ?? {}) as Record<string, string>);
      } catch {
        // keep the other language's home page
      }
    }
    const html = renderShell(shell, request, reply, {
      title: request.t('error.title', { status }),
      modified: '2026-11-23',
      alternateHref,
      body: (
        <>
          <p className="error-lead">{body.message}</p>
          {body.fields ? (
            <ul>
              {Object.entries(body.fields).map(([field, message]) => (
                <li key={field}>
                  <code>{field}</code>: {message}
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            <a href={shell.pages.path(shell.homePageId, language)}>{request.t('error.back_home')}</a>
          </p>
        </>
      ),
    });
    return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  };
}
