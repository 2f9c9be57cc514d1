/**
 * `guichet`: operations from a shell. Each command opens the configured database (DATABASE_URL,
 * or the embedded one in GUICHET_DATA_DIR), does one thing, audits it as the system, and closes.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { systemActor } from '../platform/audit.repo.js';
import type { AssignmentsInput } from '../platform/auth/assignments.js';
import { ROLES } from '../platform/auth/roles.js';
import { systemClock } from '../platform/clock.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import type { Database } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { createI18n } from '../platform/i18n/index.js';
import type { TransferFormat } from '../modules/network/index.js';
import { registerSimulateCommand } from '../modules/insights/index.js';

// What a command needs is loaded when it runs, so that `--help` and a small command start quickly.
const auth = () => import('../platform/auth/auth.service.js');
const assignments = () => import('../platform/auth/assignments.js');
const network = () => import('../modules/network/index.js');

const i18n = createI18n();
// The operator's language: GUICHET_LANGUAGE, else the locale (LANG=fr_CA.UTF-8 → French).
const language = (process.env.GUICHET_LANGUAGE ?? process.env.LANG ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
const t = i18n.translator(language);

// Every command first brings the schema up to date (as the owner when DATABASE_OWNER_URL is set),
// then works as the server's role.
async function withDatabase<T>(work: (database: Database, applied: number[]) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { openMigratedDatabase } = await import('../platform/db/setup.js');
  const { database, applied } = await openMigratedDatabase({ url: config.databaseUrl, ownerUrl: config.databaseOwnerUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    return await work(database, applied);
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const program = new Command('guichet').description('Operate a Guichet deployment').showHelpAfterError();
const roleOption = () => new Option('--role <role>', 'one of the staff roles').choices(ROLES).makeOptionMandatory();
const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',')];

/** Where an account or token works: each option repeatable (or comma-separated). */
function withAssignments(command: Command): Command {
  return command
    .option('--site <code>', 'a service point it works at, e.g. SCC-QC-034 (repeatable)', collect)
    .option('--region <province>', 'a province or territory it works across, e.g. QC (repeatable)', collect)
    .option('--programme <code>', 'a programme whose files it handles, e.g. passport (repeatable)', collect)
    .option('--line <code>', 'a contact line it answers, e.g. ei (repeatable)', collect)
    .option('--national', 'works across the whole network (analysts, administrators, national supervisors)');
}

interface AssignmentOptions {
  site?: string[];
  region?: string[];
  programme?: string[];
  line?: string[];
  national?: boolean;
}
const assignmentsOf = (options: AssignmentOptions): AssignmentsInput => ({ national: options.national === true, sites: options.site, regions: options.region, programmes: options.programme, lines: options.line });
const describe = (row: { national: boolean; regions: string[]; programmes: string[]; lines: string[]; site_ids: string[] }, sites?: string[]) =>
  row.national ? 'national' : [`sites: ${(sites ?? row.site_ids).join(',') || '-'}`, `regions: ${row.regions.join(',') || '-'}`, `programmes: ${row.programmes.join(',') || '-'}`, `lines: ${row.lines.join(',') || '-'}`].join('; ');

program
  .command('migrate')
  .description('apply the database migrations that are missing (as the owner of DATABASE_OWNER_URL when set, granting the role of DATABASE_URL)')
  .action(() =>
    withDatabase(async (database, applied) => {
      console.log(applied.length ? `Applied migrations ${applied.join(', ')} on the ${database.kind} database.` : 'The database is up to date.');
    }),
  );

program
  .command('seed')
  .description('load reference data (always, through migrations); with --demo, the demo network and staff accounts')
  .option('--demo', 'also load the demo network and one staff account per role (only into an empty network)')
  .action((options: { demo?: boolean }) =>
    withDatabase(async (database) => {
      console.log('Reference data (provinces and territories, service catalogue) is in place.');
      if (!options.demo) return;
      const { seedDemo } = await import('../seed.js');
      const result = await seedDemo(database);
      if (result.servicePoints === 0) console.log('The network already has service points: the demo was not loaded.');
      else console.log(`Loaded the demo network: ${result.servicePoints} service points and ${result.staffAccounts} staff accounts.`);
    }),
  );

const token = program.command('token').description('API tokens for integrations');
withAssignments(
  token
    .command('create')
    .description('create a token; it is printed once and stored only as a hash')
    .addOption(roleOption())
    .requiredOption('--name <name>', 'what the token is for, e.g. "prometheus" or "telephony"'),
).action((options: { role: string; name: string } & AssignmentOptions) =>
    withDatabase(async (database) => {
      const { createApiToken } = await auth();
      const created = await createApiToken({ db: database.db, actor: systemActor(), name: options.name, role: options.role, assignments: assignmentsOf(options) });
      console.error(`Token ${created.id} (${created.role}, "${created.name}"). Copy it now: it will not be shown again.`);
      console.log(created.token);
    }),
  );
token
  .command('list')
  .description('list tokens (never their secret)')
  .action(() =>
    withDatabase(async (database) => {
      const { listApiTokens } = await auth();
      for (const row of await listApiTokens({ db: database.db })) {
        console.log([row.id, row.role, row.name, row.revoked_at ? 'revoked' : 'active', row.last_used_at?.toISOString() ?? 'never used', describe(row)].join('\t'));
      }
    }),
  );
token
  .command('revoke')
  .description('revoke a token by its id')
  .argument('<id>', 'the token id shown by create or list')
  .action((id: string) =>
    withDatabase(async (database) => {
      const { revokeApiToken } = await auth();
      await revokeApiToken({ db: database.db, clock: systemClock, actor: systemActor(), id });
      console.log(`Token ${id} revoked.`);
    }),
  );
withAssignments(token.command('assign').description('replace where a token works').argument('<id>', 'the token id')).action((id: string, options: AssignmentOptions) =>
  withDatabase(async (database) => {
    const { assignApiToken } = await assignments();
    await assignApiToken({ db: database.db, actor: systemActor(), tokenId: id, assignments: assignmentsOf(options) });
    console.log(`Token ${id} assigned.`);
  }),
);

const formatOption = () => new Option('--format <format>', 'csv or geojson (default: from the file name)').choices(['csv', 'geojson']);

program
  .command('import')
  .description('import service points from a CSV or GeoJSON file; a bad file is refused whole, every problem listed')
  .argument('<what>', 'what to import: service-points')
  .argument('<file>', 'the file to read')
  .addOption(formatOption())
  .option('--dry-run', 'check the file and report what would change, without changing anything')
  .action((what: string, file: string, options: { format?: TransferFormat; dryRun?: boolean }) =>
    withDatabase(async (database) => {
      if (what !== 'service-points') throw new Error(`Nothing called "${what}" can be imported (try service-points).`);
      const content = fs.readFileSync(file, 'utf8');
      const { importServicePoints } = await network();
      const outcome = await importServicePoints({ db: database.db, clock: systemClock, actor: systemActor(), content, fileName: file, format: options.format, dryRun: options.dryRun });
      if (!outcome.ok) {
        console.error(t('network.import.refused', { count: outcome.problems.length }));
        for (const problem of outcome.problems) console.error(`  ${t(problem.code, { line: problem.line, field: problem.field, ...problem.values })}`);
        process.exitCode = 1;
        return;
      }
      const s = outcome.summary;
      console.log(t(s.dryRun ? 'network.import.checked' : 'network.import.done', { rows: s.rows, created: s.created, updated: s.updated }));
      if (s.addedServices.length > 0) console.log(t('network.import.added_services', { codes: s.addedServices.join(', ') }));
    }),
  );

program
  .command('export')
  .description('export service points as CSV or GeoJSON (to standard output, or --output FILE)')
  .argument('<what>', 'what to export: service-points')
  .addOption(new Option('--format <format>', 'csv or geojson').choices(['csv', 'geojson']).default('csv'))
  .option('--output <file>', 'write to this file instead of standard output')
  .action((what: string, options: { format: TransferFormat; output?: string }) =>
    withDatabase(async (database) => {
      if (what !== 'service-points') throw new Error(`Nothing called "${what}" can be exported (try service-points).`);
      const { exportServicePoints } = await network();
      const text = await exportServicePoints({ db: database.db, format: options.format });
      if (options.output) fs.writeFileSync(options.output, text);
      else process.stdout.write(text);
    }),
  );

const user = program.command('user').description('staff accounts');
withAssignments(
  user
    .command('create')
    .description('create a staff account; without --password-stdin a strong password is generated and printed once')
    .requiredOption('--email <email>', 'sign-in email address')
    .requiredOption('--name <name>', 'display name')
    .addOption(roleOption())
    .addOption(new Option('--language <language>', 'preferred official language').choices(['en', 'fr']).default('en'))
    .option('--password-stdin', 'read the password from standard input'),
).action((options: { email: string; name: string; role: string; language: 'en' | 'fr'; passwordStdin?: boolean } & AssignmentOptions) =>
    withDatabase(async (database) => {
      const password = options.passwordStdin ? await readStdin() : randomBytes(18).toString('base64url');
      const { createStaffUser } = await auth();
      const created = await createStaffUser({ db: database.db, actor: systemActor(), email: options.email, displayName: options.name, role: options.role, password, language: options.language, assignments: assignmentsOf(options) });
      console.log(`Created ${created.role} account ${created.email} (${created.id}): ${describe(created)}.`);
      if (!options.passwordStdin) console.log(`Password (shown once): ${password}`);
    }),
  );

withAssignments(
  user
    .command('assign')
    .description('replace where a staff account works (and, with --role, its role)')
    .requiredOption('--email <email>', 'the account')
    .addOption(new Option('--role <role>', 'a new role').choices(ROLES)),
).action((options: { email: string; role?: string } & AssignmentOptions) =>
  withDatabase(async (database) => {
    const { findStaffUserByEmail } = await auth();
    const { assignStaffUser } = await assignments();
    const found = await findStaffUserByEmail({ db: database.db, email: options.email });
    if (!found) throw new AppError('auth.user_not_found', 404);
    const updated = await assignStaffUser({ db: database.db, clock: systemClock, actor: systemActor(), userId: found.id, role: options.role, assignments: assignmentsOf(options) });
    console.log(`${updated.email} is now ${updated.role}: ${describe(updated, options.site)}.`);
  }),
);

registerSimulateCommand(program, t);

// Exit explicitly once the command is done: the embedded engine can leave a WebAssembly timer
// behind after closing, which would keep a finished command waiting for seconds.
program
  .parseAsync()
  .catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof AppError) {
      const details = Object.entries(error.fields).map(([field, key]) => `\n  --${field}: ${t(key)}`).join('');
      console.error(`${t(error.code, error.params)}${details}`);
    } else console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  })
  .finally(() => process.exit());
