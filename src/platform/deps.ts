/** What buildApp hands every module: explicit dependencies, no container, no globals. */
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { I18n } from './i18n/index.js';
import type { Mailer } from './mailer.js';
import type { SmsSender } from './sms.js';
import type { ShellOptions } from './ssr/pages.js';
import type { Guard } from './throttle/throttle.service.js';

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  mailer: Mailer;
  i18n: I18n;
  /** Text messages; the log transport when not given. */
  sms?: SmsSender;
}

export interface ModuleDeps extends AppDeps {
  shell: ShellOptions;
  sms: SmsSender;
  /** The guessing throttles' key and alert reporting (status look-ups, sign-in). */
  guard: Guard;
}
