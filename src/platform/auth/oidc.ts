/**
 * The OpenID Connect relying party, through `openid-client`: authorization code with PKCE (S256),
 * state and nonce; the ID token checked by the library (signature, issuer, audience, expiry,
 * nonce); the person's claims from the ID token and, when the provider has one, its userinfo
 * endpoint. The provider's metadata is discovered on first use and kept, so a provider that is
 * down when the server starts only makes single sign-on unavailable until it is back.
 */
import * as client from 'openid-client';
import { AppError } from '../errors.js';
import type { OidcConfig } from './oidc.config.js';

/** What must survive from the redirect to the provider until its answer: kept in a signed cookie. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A person the provider vouched for, as the library validated it. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** ID token claims, overlaid with the userinfo endpoint's (fresher, and often the only source of groups). */
  claims: Record<string, unknown>;
  idToken: string;
}

export interface OidcClient {
  authorizationUrl(options: { language: 'en' | 'fr' }): Promise<{ url: URL; flow: OidcFlow }>;
  /** Exchanges the code in the provider's answer (`callbackUrl`) for the person's identity. */
  completeAuthorization(options: { callbackUrl: URL; flow: OidcFlow }): Promise<OidcIdentity>;
  /** The provider's end-session URL for this ID token, or nothing when the provider has none. */
  endSessionUrl(options: { idToken: string }): Promise<URL | undefined>;
}

const unavailable = () => new AppError('oidc.unavailable', 503);

/** A network failure reaching the provider (fetch's TypeError, an abort) is the provider being unavailable. */
const isNetworkFailure = (error: unknown) => error instanceof TypeError || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'));

export function createOidcClient(settings: OidcConfig, onFailure: (error: unknown) => void = () => {}): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;
  const insecure = new URL(settings.issuerUrl).protocol === 'http:'; // loopback only (oidc.config.ts)

  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(
        new URL(settings.issuerUrl),
        settings.clientId,
        undefined,
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        { execute: insecure ? [client.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((error: unknown) => {
        discovered = undefined; // try again on the next request
        onFailure(error);
        throw unavailable();
      });
    return discovered;
  }

  return {
    async authorizationUrl({ language }) {
      const config = await configuration();
      const flow: OidcFlow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        response_type: 'code',
        redirect_uri: settings.redirectUri,
        scope: settings.scopes.join(' '),
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
        ui_locales: language === 'fr' ? 'fr-CA fr en' : 'en-CA en fr',
      });
      return { url, flow };
    },

    async completeAuthorization({ callbackUrl, flow }) {
      const config = await configuration();
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims()!;
        let claims: Record<string, unknown> = { ...idClaims };
        if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
          const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          claims = { ...claims, ...userinfo, iss: idClaims.iss, sub: idClaims.sub };
        }
        return { issuer: idClaims.iss, subject: idClaims.sub, claims, idToken: tokens.id_token! };
      } catch (error) {
        onFailure(error);
        if (isNetworkFailure(error)) throw unavailable();
        throw new AppError('oidc.sign_in_failed', 401);
      }
    },

    async endSessionUrl({ idToken }) {
      const config = await configuration().catch(() => undefined);
      if (!config?.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: settings.postLogoutRedirectUri });
    },
  };
}
