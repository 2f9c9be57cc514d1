/**
 * A real OpenID provider on loopback for the single sign-on tests: the certified `oidc-provider`
 * with its development login and consent pages, one client registered for Guichet, and accounts
 * (with their groups) that a test defines and may change between sign-ins.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name: string;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** By account id (what one types as the login on the provider's page); edit to change claims. */
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

export async function startOidcProvider(options: { redirectUri: string; postLogoutRedirectUri: string; accounts: Record<string, TestAccount> }): Promise<TestProvider> {
  const accounts = new Map(Object.entries(options.accounts));
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'guichet-test';
  const clientSecret = 'a-client-secret-for-the-loopback-provider';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_ctx, id) {
      if (!accounts.has(id)) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...accounts.get(id)! }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['a-cookie-key-for-the-loopback-provider'] },
  });
  provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The environment that points Guichet at this provider. */
export const oidcEnv = (provider: TestProvider, publicUrl: string, extra: Record<string, string> = {}): Record<string, string> => ({
  PUBLIC_URL: publicUrl,
  OIDC_ISSUER_URL: provider.issuer,
  OIDC_CLIENT_ID: provider.clientId,
  OIDC_CLIENT_SECRET: provider.clientSecret,
  OIDC_SCOPES: 'openid profile email groups',
  OIDC_ROLE_MAP: 'guichet-admins=admin,guichet-supervisors=supervisor,guichet-agents=agent,guichet-reception=reception',
  OIDC_LABEL: 'Loopback ID',
  ...extra,
});

/** The browser's cookies for the provider, by name (its paths are all under one host). */
export class ProviderCookies {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now());
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies.entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Plays a person at the provider from Guichet's redirect: follows redirects, fills the login
 * form with `login` and confirms consent when asked, until the provider sends the browser back
 * to `redirectUri`. Returns that URL (code, state and issuer in its query).
 */
export async function completeProviderLogin(options: { authorizationUrl: string; redirectUri: string; login: string; cookies?: ProviderCookies }): Promise<URL> {
  const cookies = options.cookies ?? new ProviderCookies();
  let url = options.authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(options.redirectUri)) return new URL(url);
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookies.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    cookies.store(response);
    body = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action) throw new Error(`the provider answered ${response.status} at ${url}: ${html.slice(0, 300)}`);
    body = /name="login"/.test(html) ? new URLSearchParams({ prompt: 'login', login: options.login, password: 'any' }) : new URLSearchParams({ prompt: 'consent' });
    url = new URL(action, url).href;
  }
  throw new Error('the provider never sent the browser back');
}
