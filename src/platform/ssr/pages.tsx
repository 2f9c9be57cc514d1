/**
 * Pages are declared once with their English and French paths (`/en/sign-in`, `/fr/connexion`);
 * the registry gives every page its twin for the language toggle, and the helper renders the
 * handler's result inside the shell. Forms post back to the same paths (no JavaScript needed).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Layout } from '../../web/layout.js';
import type { PanelRegistry } from './panels.js';
import type { Access } from '../auth/roles.js';
import { LANGUAGES, otherLanguage, type Language, type Translate } from '../i18n/index.js';

export interface PagePaths {
  en: string;
  fr: string;
}

export type PageResult =
  | { title: string; body: ReactElement; status?: number; breadcrumbs?: { href: string; label: string }[]; refreshSeconds?: number; scripts?: string[]; bodyClass?: string }
  | { redirect: string };

export interface PageContext {
  language: Language;
  t: Translate;
  request: FastifyRequest;
  reply: FastifyReply;
  /** The path of a page in this language (or another), with its parameters filled in. */
  href(pageId: string, params?: Record<string, string>, language?: Language): string;
  csrfToken(): string;
}

export interface PageDefinition {
  id: string;
  paths: PagePaths;
  access: Access;
  /** Shown as "Date modified"; change it when the page's content changes. */
  modified: string;
  method?: 'GET' | 'POST';
  schema?: FastifySchema;
  handler(context: PageContext): Promise<PageResult> | PageResult;
}

export class PageRegistry {
  private readonly paths = new Map<string, PagePaths>();

  add(id: string, paths: PagePaths): void {
    const existing = this.paths.get(id);
    if (existing && (existing.en !== paths.en || existing.fr !== paths.fr)) throw new Error(`Page "${id}" declared twice`);
    this.paths.set(id, paths);
  }

  has(id: string): boolean {
    return this.paths.has(id);
  }

  path(id: string, language: Language, params: Record<string, string> = {}): string {
    const paths = this.paths.get(id);
    if (!paths) throw new Error(`Unknown page "${id}"`);
    return paths[language].replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  }

  all(): [string, PagePaths][] {
    return [...this.paths.entries()];
  }
}

export interface ShellOptions {
  pages: PageRegistry;
  /** Sections modules add to each other's pages (see panels.ts). */
  panels: PanelRegistry;
  homePageId: string;
  staffPageId: string;
  signOutPageId: string;
}

/** Renders any element inside the shell; used by pages and by the error page. */
export function renderShell(
  shell: ShellOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; body: ReactElement; modified: string; alternateHref: string; breadcrumbs?: { href: string; label: string }[]; refreshSeconds?: number; scripts?: string[]; bodyClass?: string },
): string {
  const language = request.language;
  const principal = request.principal;
  const user = principal?.kind === 'user' ? { name: principal.name, role: principal.role } : null;
  const html = renderToStaticMarkup(
    <Layout
      language={language}
      t={request.t}
      title={page.title}
      alternateHref={page.alternateHref}
      homeHref={shell.pages.path(shell.homePageId, language)}
      apiDocsHref={`/${language}/api`}
      modified={page.modified}
      user={user}
      signOut={
        user
          ? { action: shell.pages.path(shell.signOutPageId, language), csrfToken: reply.generateCsrf(), staffHref: shell.pages.path(shell.staffPageId, language) }
          : undefined
      }
      breadcrumbs={page.breadcrumbs}
      refreshSeconds={page.refreshSeconds}
      scripts={page.scripts}
      bodyClass={page.bodyClass}
    >
      {page.body}
    </Layout>,
  );
  return `<!doctype html>\n${html}`;
}

function queryString(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? '' : url.slice(index);
}

export function registerPage(app: FastifyInstance, shell: ShellOptions, page: PageDefinition): void {
  shell.pages.add(page.id, page.paths);
  for (const language of LANGUAGES) {
    app.route({
      method: page.method ?? 'GET',
      url: page.paths[language],
      schema: { hide: true, ...page.schema },
      config: { access: page.access, pageId: page.id, language },
      handler: async (request, reply) => {
        const context: PageContext = {
          language,
          t: request.t,
          request,
          reply,
          href: (id, params, lang) => shell.pages.path(id, lang ?? language, params),
          csrfToken: () => reply.generateCsrf(),
        };
        const result = await page.handler(context);
        if ('redirect' in result) return reply.redirect(result.redirect, 303);
        const params = (request.params ?? {}) as Record<string, string>;
        const alternateHref = shell.pages.path(page.id, otherLanguage(language), params) + (request.method === 'GET' ? queryString(request.url) : '');
        reply.status(result.status ?? 200).type('text/html; charset=utf-8').header('cache-control', 'no-store');
        return renderShell(shell, request, reply, { ...result, modified: page.modified, alternateHref });
      },
    });
  }
}
