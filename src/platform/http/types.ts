/** What the platform adds to every Fastify request and route. */
import type { Principal } from '../auth/auth.service.js';
import type { Access } from '../auth/roles.js';
import type { Language, Translate } from '../i18n/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: a signed-in staff member, an integration token, or nobody. */
    principal: Principal | null;
    /** The language of the answer: the page's, or Accept-Language for the API. */
    language: Language;
    t: Translate;
  }
  interface FastifyContextConfig {
    /** Who may call the route. Required: a route without it is refused at start. */
    access?: Access;
    /** For pages: the page id and language, so the shell can link to the other language. */
    pageId?: string;
    language?: Language;
    /** The route checks the Authorization header itself (a scrape token): it names no principal. */
    ownAuthorization?: boolean;
  }
}

export {};
