/**
 * Staff single sign-on (when OIDC_ISSUER_URL is set): a form button on the sign-in page posts
 * here, the browser goes to the provider, and the provider sends it back to one callback URL
 * (`PUBLIC_URL/auth/oidc/callback`, registered at the provider). State, nonce and the PKCE
 * verifier wait in a signed, httpOnly cookie sent only to the callback and read once, so any
 * server process can finish what another started.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { SESSION } from '../../../platform/auth/auth.service.js';
import { createOidcClient, type OidcClient, type OidcFlow } from '../../../platform/auth/oidc.js';
import { OIDC_CALLBACK_PATH, type OidcConfig } from '../../../platform/auth/oidc.config.js';
import { findSessionIdToken, recordProviderFailure, signInWithProvider } from '../../../platform/auth/oidc.service.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { isLanguage, type Language, type Translate } from '../../../platform/i18n/index.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import { CsrfField } from '../../../web/components.js';
import { safeNext, setSessionCookie } from './sign-in.js';

const FLOW_COOKIE = 'guichet_oidc';
const FLOW_MINUTES = 10;

export interface Sso {
  settings: OidcConfig;
  client: OidcClient;
}

interface StoredFlow extends OidcFlow {
  language: Language;
  next: string | undefined;
  startedAt: number;
}

/** Single sign-on when configured, with its failures logged by kind only (never a token or a code). */
export function createSso(app: FastifyInstance, deps: ModuleDeps): Sso | undefined {
  const settings = deps.config.oidc;
  if (!settings) return undefined;
  const client = createOidcClient(settings, (error) => {
    const { name, message, code } = error as { name?: string; message?: string; code?: string };
    app.log.warn({ oidcError: { name, code, message } }, 'single sign-on: the provider exchange failed');
  });
  return { settings, client };
}

/** The button on the sign-in page: a form, so it works without JavaScript. */
export function SsoSignInForm({ sso, t, action, csrfToken, next }: { sso: Sso; t: Translate; action: string; csrfToken: string; next: string | undefined }) {
  return (
    <form method="post" action={action} className="sso-sign-in">
      <CsrfField token={csrfToken} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <button type="submit">{sso.settings.label ? t('sso.button', { label: sso.settings.label }) : t('sso.button_generic')}</button>
    </form>
  );
}

function readFlow(request: FastifyRequest, now: number): StoredFlow | undefined {
  const raw = request.cookies[FLOW_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  if (!unsigned?.valid || !unsigned.value) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as StoredFlow;
    const fresh = typeof flow.startedAt === 'number' && now - flow.startedAt >= 0 && now - flow.startedAt < FLOW_MINUTES * 60_000;
    const complete = [flow.state, flow.nonce, flow.codeVerifier].every((value) => typeof value === 'string' && value.length > 0);
    return fresh && complete && isLanguage(flow.language) ? { ...flow, next: safeNext(flow.next) } : undefined;
  } catch {
    return undefined;
  }
}

function writeFlow(reply: FastifyReply, flow: StoredFlow, secure: boolean) {
  const value = Buffer.from(JSON.stringify(flow)).toString('base64url');
  reply.setCookie(FLOW_COOKIE, value, { path: OIDC_CALLBACK_PATH, httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: FLOW_MINUTES * 60 });
}

/** Where sign-out sends the browser: the provider's end-session endpoint for a session it opened. */
export async function providerSignOutUrl(options: { sso: Sso | undefined; deps: ModuleDeps; sessionToken: string }): Promise<string | undefined> {
  if (!options.sso) return undefined;
  const idToken = await findSessionIdToken({ db: options.deps.database.db, sessionToken: options.sessionToken });
  if (!idToken) return undefined;
  return (await options.sso.client.endSessionUrl({ idToken }))?.href;
}

export function registerSsoRoutes(app: FastifyInstance, deps: ModuleDeps, sso: Sso): void {
  registerPage(app, deps.shell, {
    id: 'portal.sso_start',
    paths: { en: '/en/sign-in/sso', fr: '/fr/connexion/sso' },
    access: 'public',
    modified: '2026-12-04',
    method: 'POST',
    schema: { body: Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })), _csrf: Type.Optional(Type.String({ maxLength: 500 })) }) },
    async handler({ request, reply, language, href }) {
      if (request.principal?.kind === 'user') return { redirect: href('portal.staff') };
      const { url, flow } = await sso.client.authorizationUrl({ language });
      const next = safeNext((request.body as { next?: string }).next);
      writeFlow(reply, { ...flow, language, next, startedAt: deps.clock.now().getTime() }, deps.config.cookieSecure);
      return { redirect: url.href };
    },
  });

  // One callback for both languages (one URL to register); the language travels in the flow.
  // Its URL carries the authorization code and state: the route logs warnings only, never its requests.
  app.get(OIDC_CALLBACK_PATH, { config: { access: 'public', pageId: 'portal.sso_callback' }, schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
    const flow = readFlow(request, deps.clock.now().getTime());
    reply.clearCookie(FLOW_COOKIE, { path: OIDC_CALLBACK_PATH });
    if (flow) {
      request.language = flow.language; // the error page, if any, speaks the language the person started in
      request.t = deps.i18n.translator(flow.language);
    }
    const failed = async (error: unknown): Promise<never> => {
      if (error instanceof AppError) await recordProviderFailure({ db: deps.database.db, actor: actorOf(request), code: error.code });
      throw error;
    };
    if (!flow) return failed(new AppError('oidc.flow_expired', 400));
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const identity = await sso.client.completeAuthorization({ callbackUrl: new URL(sso.settings.redirectUri + query), flow }).catch(failed);
    const session = await signInWithProvider({
      db: deps.database.db,
      clock: deps.clock,
      actor: actorOf(request),
      identity,
      settings: sso.settings,
      language: flow.language,
      userAgent: request.headers['user-agent'] ?? null,
    });
    setSessionCookie(reply, session.sessionToken, deps.config.cookieSecure, SESSION.absoluteHours * 3600);
    return reply.redirect(flow.next ?? deps.shell.pages.path('portal.staff', flow.language), 303);
  });
}
