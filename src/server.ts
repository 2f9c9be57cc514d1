/** Process entry: config → database → migrations (→ demo) → buildApp → listen → graceful close. */
import { buildApp } from './app.js';
import { systemClock } from './platform/clock.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { openMigratedDatabase } from './platform/db/setup.js';
import { createI18n } from './platform/i18n/index.js';
import { createMailer } from './platform/mailer.js';
import { seedDemo } from './seed.js';

async function main(): Promise<void> {
  const started = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const { database, applied } = await openMigratedDatabase({ url: config.databaseUrl, ownerUrl: config.databaseOwnerUrl, dataDir: config.dataDir });
  let seeded = { servicePoints: 0, staffAccounts: 0 };
  if (database.kind === 'embedded' && config.demo === 'on') seeded = await seedDemo(database);

  // The demo's log transport writes through the app's logger, which exists only after buildApp.
  const logSink: { log?: (entry: object, message: string) => void } = {};
  const mailer = createMailer(config.mail, (entry, message) => logSink.log?.(entry, message));
  const app = await buildApp({ config, database, clock: systemClock, mailer, i18n: createI18n() });
  logSink.log = (entry, message) => app.log.info(entry, message);
  if (applied.length > 0) app.log.info({ migrations: applied }, 'migrations applied');
  if (seeded.servicePoints > 0) app.log.info(seeded, 'demo network loaded (staff accounts: <role>@demo.guichet.ca, see README)');

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    await mailer.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  app.log.info({ database: database.kind, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) }, 'Guichet is ready');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  if (process.env.LOG_LEVEL === 'debug') console.error(error);
  process.exit(1);
});
