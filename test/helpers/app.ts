/** Builds the real app in-process on a fresh database, with a fixed clock and a memory mailer. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { createI18n, type I18n } from '../../src/platform/i18n/index.js';
import { createMemoryMailer, type Mailer, type MemoryMailer } from '../../src/platform/mailer.js';
import { createMemorySms, type MemorySms } from '../../src/platform/sms.js';
import { seedDemo } from '../../src/seed.js';
import { createTestDatabase, type TestDatabase } from './database.js';

let sharedI18n: I18n | undefined;

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  mailer: MemoryMailer | Mailer;
  sms: MemorySms;
  config: Config;
  close(): Promise<void>;
}

export async function buildTestApp(
  options: { /** `network`: the demo network and staff only, without the histories (faster). */ demo?: boolean | 'network'; env?: Record<string, string>; database?: TestDatabase; mailer?: Mailer; now?: string } = {},
): Promise<TestApp> {
  const contents = options.demo === 'network' ? 'network' : options.demo ? 'demo' : 'migrated';
  const database = options.database ?? (await createTestDatabase({ contents }));
  if (options.database && options.demo) await seedDemo(database, { histories: options.demo !== 'network' });
  const config = loadConfig({ GUICHET_DATA_DIR: 'memory://', COOKIE_SECURE: 'false', LOG_LEVEL: 'silent', ...options.env });
  const clock = fixedClock(options.now ?? '2026-11-23T15:00:00Z');
  const mailer = options.mailer ?? createMemoryMailer();
  const sms = createMemorySms();
  const app = await buildApp({ config, database, clock, mailer, sms, i18n: (sharedI18n ??= createI18n()), logger: false });
  return {
    app,
    database,
    clock,
    mailer,
    sms,
    config,
    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
