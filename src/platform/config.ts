/**
 * Configuration is read once, from the environment, and validated before anything starts.
 * A bad value stops the process with one readable message per problem.
 */
import path from 'node:path';
import { loadOidcConfig, type OidcConfig } from './auth/oidc.config.js';

export type MailTransport = 'log' | 'memory' | 'smtp';
export type SmsTransport = 'log' | 'memory' | 'notify';

export interface Config {
  host: string;
  port: number;
  /** PostgreSQL connection string; absent means the embedded database. */
  databaseUrl: string | undefined;
  /** The schema owner's connection, used only to migrate and grant the role of `databaseUrl` its privileges. */
  databaseOwnerUrl: string | undefined;
  /** Where the embedded database keeps its files; `memory://` keeps nothing (tests). */
  dataDir: string;
  /** `on` loads the demo network into an empty embedded database on first start. */
  demo: 'on' | 'off';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Secret that signs cookies; when absent one is generated once and kept in the database. */
  sessionSecret: string | undefined;
  /** Send cookies with the Secure flag (browsers accept them on http://localhost too). */
  cookieSecure: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  /** Requests a minute that one address may make to public routes. */
  publicRateLimit: number;
  mail: { transport: MailTransport; smtpUrl: string | undefined; from: string };
  /** Text messages: GC Notify in a deployment (API key and a template with a `body` placeholder). */
  sms: { transport: SmsTransport; notifyUrl: string | undefined; notifyApiKey: string | undefined; notifyTemplateId: string | undefined };
  /** The public base URL used in links sent by email. */
  publicUrl: string;
  /** Raster tiles beneath the network map ({z}/{x}/{y} template) and the credit they require; offline boundaries only when absent. */
  map: { tileUrl: string | undefined; tileAttribution: string | undefined };
  /** A Nominatim-compatible geocoder for places the shipped data does not know; offline only when absent. */
  geocoderUrl: string | undefined;
  /** An OSRM server for road distances in the coverage analysis; straight lines only when absent. */
  routingUrl: string | undefined;
  /** Twilio's auth token, which signs its voice webhooks; the Twilio adapter is off without it. */
  twilioAuthToken: string | undefined;
  /** The bearer token Prometheus sends to read /metrics; /metrics is off without it. */
  metricsToken: string | undefined;
  /** Staff single sign-on through an OpenID Connect provider; off when absent (see auth/oidc.config.ts). */
  oidc: OidcConfig | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return fallback;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

function url(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed = new URL(raw);
    if (!protocols.includes(parsed.protocol)) {
      problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
  } catch {
    problems.push(`${name} is not a valid URL`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const port = integer(env, 'PORT', 3000, 0, 65535, problems);
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  const databaseOwnerUrl = url(env, 'DATABASE_OWNER_URL', ['postgres:', 'postgresql:'], problems);
  if (databaseOwnerUrl && !databaseUrl) problems.push('DATABASE_OWNER_URL needs DATABASE_URL (the role the server connects as)');
  const transport = oneOf(env, 'MAIL_TRANSPORT', ['log', 'memory', 'smtp'] as const, 'log', problems);
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:'], problems);
  if (transport === 'smtp' && !smtpUrl) problems.push('SMTP_URL is required when MAIL_TRANSPORT=smtp');
  const smsTransport = oneOf(env, 'SMS_TRANSPORT', ['log', 'memory', 'notify'] as const, 'log', problems);
  const notifyUrl = url(env, 'NOTIFY_API_URL', ['http:', 'https:'], problems);
  if (smsTransport === 'notify' && !(notifyUrl && env.NOTIFY_API_KEY && env.NOTIFY_SMS_TEMPLATE_ID)) {
    problems.push('NOTIFY_API_URL, NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID are required when SMS_TRANSPORT=notify');
  }
  const sessionSecret = env.SESSION_SECRET || undefined;
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters long');
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 32) problems.push('METRICS_TOKEN must be at least 32 characters long');
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:'], problems) ?? `http://localhost:${port}`;
  const dataDir = env.GUICHET_DATA_DIR || './.guichet';
  const tileUrl = url(env, 'MAP_TILE_URL', ['http:', 'https:'], problems);
  if (tileUrl && !['{z}', '{x}', '{y}'].every((part) => tileUrl.includes(part))) problems.push('MAP_TILE_URL must contain {z}, {x} and {y}');
  if (tileUrl && !env.MAP_TILE_ATTRIBUTION) problems.push('MAP_TILE_ATTRIBUTION is required with MAP_TILE_URL (tile servers require their credit on the map)');
  const config: Config = {
    host: env.HOST || '127.0.0.1',
    port,
    databaseUrl,
    databaseOwnerUrl,
    dataDir: dataDir === 'memory://' ? dataDir : path.resolve(dataDir),
    demo: oneOf(env, 'GUICHET_DEMO', ['on', 'off'] as const, 'on', problems),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info', problems),
    sessionSecret,
    cookieSecure: bool(env, 'COOKIE_SECURE', true, problems),
    trustProxy: bool(env, 'TRUST_PROXY', false, problems),
    publicRateLimit: integer(env, 'PUBLIC_RATE_LIMIT', 300, 1, 1_000_000, problems),
    mail: { transport, smtpUrl, from: env.MAIL_FROM || 'Guichet <no-reply@guichet.localhost>' },
    sms: { transport: smsTransport, notifyUrl, notifyApiKey: env.NOTIFY_API_KEY || undefined, notifyTemplateId: env.NOTIFY_SMS_TEMPLATE_ID || undefined },
    publicUrl,
    map: { tileUrl, tileAttribution: env.MAP_TILE_ATTRIBUTION || undefined },
    geocoderUrl: url(env, 'GEOCODER_URL', ['http:', 'https:'], problems),
    routingUrl: url(env, 'ROUTING_URL', ['http:', 'https:'], problems),
    twilioAuthToken: env.TWILIO_AUTH_TOKEN || undefined,
    metricsToken,
    oidc: loadOidcConfig(env, publicUrl, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
