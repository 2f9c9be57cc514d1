/** Small helpers to drive the app like a browser: cookies, CSRF tokens, signed-in sessions. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createStaffUser } from '../../src/platform/auth/auth.service.js';
import type { Role } from '../../src/platform/auth/roles.js';
import type { Database } from '../../src/platform/db/database.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() <= Date.now() && cookie.maxAge !== undefined)) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }
  header(): string {
    return [...this.cookies.entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token in the page');
  return match[1]!;
}

export async function createUser(database: Database, role: Role, email = `${role}@test.example`) {
  return createStaffUser({ assignments: { national: true }, db: database.db, actor: systemActor('test'), email, displayName: `Test ${role}`, role, password: TEST_PASSWORD });
}

/** Signs in through the real form; returns the jar holding the session cookie. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD, jar = new CookieJar()) {
  const form = await app.inject({ method: 'GET', url: '/en/sign-in', headers: { cookie: jar.header() } });
  jar.store(form);
  const response = await app.inject({
    method: 'POST',
    url: '/en/sign-in',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: csrfTokenOf(form.body) }).toString(),
  });
  jar.store(response);
  return { jar, response };
}

/** Posts the sign-in form from a given client address; returns the response. */
export async function signInFrom(app: FastifyInstance, email: string, password: string, remoteAddress: string) {
  const form = await app.inject({ method: 'GET', url: '/en/sign-in', remoteAddress });
  const jar = new CookieJar();
  jar.store(form);
  return app.inject({
    method: 'POST',
    url: '/en/sign-in',
    remoteAddress,
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: csrfTokenOf(form.body) }).toString(),
  });
}
