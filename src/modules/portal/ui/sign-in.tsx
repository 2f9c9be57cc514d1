/** Staff sign-in and sign-out: a plain form that works without JavaScript. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { SESSION, signIn, signOut } from '../../../platform/auth/auth.service.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { SESSION_COOKIE } from '../../../platform/http/auth.plugin.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, TextField, type FieldError } from '../../../web/components.js';
import { providerSignOutUrl, SsoSignInForm, type Sso } from './sso.js';

const PATHS = { en: '/en/sign-in', fr: '/fr/connexion' };
const SignInBody = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 500 })),
  password: Type.Optional(Type.String({ maxLength: 1000 })),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String({ maxLength: 500 })),
});

/** Only a path of this site in one of its languages: never an open redirect. */
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string') return undefined;
  return /^\/(en|fr)(\/[A-Za-z0-9\-._~%/]*)?(\?[A-Za-z0-9\-._~%=&+]*)?$/.test(next) && !next.includes('//') ? next : undefined;
}

function form(context: PageContext, sso: Sso | undefined, values: { email?: string; next?: string }, errors: FieldError[], status = 200) {
  const { t, href } = context;
  const csrfToken = context.csrfToken(); // one token for both forms: a second would replace the first's secret
  return {
    title: t('signin.title'),
    status,
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        <p>{t(sso ? 'sso.intro' : 'signin.intro')}</p>
        {sso ? (
          <>
            <h2>{t('sso.heading')}</h2>
            <SsoSignInForm sso={sso} t={t} action={href('portal.sso_start')} csrfToken={csrfToken} next={values.next} />
            <h2>{t('sso.password_heading')}</h2>
          </>
        ) : null}
        <form method="post" action={href('portal.sign_in')} noValidate>
          <CsrfField token={csrfToken} />
          {values.next ? <input type="hidden" name="next" value={values.next} /> : null}
          <TextField id="email" label={t('signin.email')} type="email" autoComplete="username" value={values.email ?? ''} required
            error={errors.find((e) => e.field === 'email')?.message} t={t} />
          <TextField id="password" label={t('signin.password')} type="password" autoComplete="current-password" required
            error={errors.find((e) => e.field === 'password')?.message} t={t} />
          <button type="submit">{t('signin.submit')}</button>
        </form>
      </>
    ),
  };
}

/**
 * The cookie lasts as long as a session can (the server still ends it sooner when idle). A
 * duration, not a date: the browser counts it from its own clock, so a server clock that differs
 * (a skewed host, or a test's fixed clock) never makes the cookie arrive already expired.
 */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeSeconds: number) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: maxAgeSeconds });
}

export function registerSignInPages(app: FastifyInstance, deps: ModuleDeps, sso?: Sso): void {
  const { db } = deps.database;

  registerPage(app, deps.shell, {
    id: 'portal.sign_in',
    paths: PATHS,
    access: 'public',
    modified: '2026-11-23',
    handler: (context) => {
      if (context.request.principal?.kind === 'user') return { redirect: context.href('portal.staff') };
      return form(context, sso, { next: safeNext((context.request.query as Record<string, unknown>).next) }, []);
    },
  });

  registerPage(app, deps.shell, {
    id: 'portal.sign_in',
    paths: PATHS,
    access: 'public',
    modified: '2026-11-23',
    method: 'POST',
    schema: { body: SignInBody },
    async handler(context) {
      const { t, request, reply } = context;
      const body = request.body as { email?: string; password?: string; next?: string };
      const values = { email: body.email?.trim() ?? '', next: safeNext(body.next) };
      const errors: FieldError[] = [];
      if (!values.email) errors.push({ field: 'email', message: t('signin.email_required') });
      if (!body.password) errors.push({ field: 'password', message: t('signin.password_required') });
      if (errors.length > 0) return form(context, sso, values, errors, 400);
      try {
        const session = await signIn({ db, clock: deps.clock, guard: deps.guard, actor: actorOf(request), email: values.email, password: body.password!, userAgent: request.headers['user-agent'] ?? null });
        setSessionCookie(reply, session.sessionToken, deps.config.cookieSecure, SESSION.absoluteHours * 3600);
        return { redirect: values.next ?? context.href('portal.staff') };
      } catch (error) {
        if (!(error instanceof AppError) || (error.status !== 401 && error.status !== 429)) throw error;
        if (error.status === 429) void reply.header('retry-after', String(Number(error.params.minutes) * 60));
        return form(context, sso, values, [{ field: 'email', message: t(error.code, error.params) }], error.status);
      }
    },
  });

  registerPage(app, deps.shell, {
    id: 'portal.sign_out',
    paths: { en: '/en/sign-out', fr: '/fr/deconnexion' },
    access: 'public',
    modified: '2026-11-23',
    method: 'POST',
    async handler({ request, reply, href }) {
      const cookie = request.cookies[SESSION_COOKIE];
      const unsigned = cookie ? request.unsignCookie(cookie) : undefined;
      // A session opened through the provider ends there too (RP-initiated logout).
      const provider = unsigned?.valid && unsigned.value ? await providerSignOutUrl({ sso, deps, sessionToken: unsigned.value }) : undefined;
      if (unsigned?.valid && unsigned.value) await signOut({ db, actor: actorOf(request), sessionToken: unsigned.value });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { redirect: provider ?? href('portal.sign_in') };
    },
  });
}
