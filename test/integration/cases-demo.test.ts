/** The demo's applications land near the seeds' figures, and an MP office sees only its consented files. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadDemoNetwork } from '../../src/modules/network/index.js';
import { getApplicationDailyVolumes, listDelegatedFiles, loadDemoCases } from '../../src/modules/cases/index.js';
import { sql } from 'kysely';
import { computeResults, parseFiscalYear } from '../../src/modules/standards/index.js';
import { createStaffUser } from '../../src/platform/auth/auth.service.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { fixedClock } from '../../src/platform/clock.js';
import { coversFile, EMPTY_SCOPE } from '../../src/platform/auth/scope.js';

let database: TestDatabase;
let partnerId: string;
before(async () => {
  database = await createTestDatabase();
  await loadDemoNetwork({ db: database.db, actor: systemActor('test') });
  partnerId = (await createStaffUser({ assignments: { national: true }, db: database.db, actor: systemActor('test'), email: 'partner@demo.test', displayName: 'MP office', role: 'partner', password: 'a long enough password' })).id;
  await loadDemoCases({ db: database.db, endDay: '2026-11-23', actor: systemActor('test'), homeSite: 'SCC-QC-034' });
});
after(() => database.close());

test('each fiscal year, passport lands near 90 % and the IRCC lines near 57 %', async () => {
  for (const label of ['2024-2025', '2025-2026']) {
    const results = await computeResults({ db: database.db, fiscalYear: parseFiscalYear(label)! });
    const share = (ids: string[]) => {
      const chosen = results.filter((r) => ids.includes(r.standard.id));
      return chosen.reduce((sum, r) => sum + r.year.meeting, 0) / chosen.reduce((sum, r) => sum + r.year.total, 0);
    };
    const passport = share(['PASS-01', 'PASS-02', 'PASS-03']);
    const ircc = share(['CIT-01', 'CIT-02', 'IMM-01']);
    assert.ok(passport > 0.87 && passport < 0.93, `${label} passport ${passport}`);
    assert.ok(ircc > 0.52 && ircc < 0.62, `${label} IRCC ${ircc}`);
    assert.ok(results.find((r) => r.standard.id === 'PASS-01')!.year.total > 2000);
  }
});

test('loading twice adds nothing', async () => {
  const before = await database.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await loadDemoCases({ db: database.db, endDay: '2026-11-23', actor: systemActor('test') });
  const after = await database.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n));
  assert.ok(Number(after.n) > 20_000);
});

test('the demo MP office sees its twelve running consents and not the lapsed ones', async () => {
  const seen = await listDelegatedFiles({ db: database.db, clock: fixedClock('2026-11-24T15:00:00Z'), actor: { type: 'user', id: partnerId, ip: null, requestId: null } });
  assert.equal(seen.files.length, 12);
  const consents = await database.db.selectFrom('delegation_consents').selectAll().execute();
  assert.equal(consents.length, 15);
});

test('daily volumes for insights add up to the files received and completed', async () => {
  const rows = await getApplicationDailyVolumes({ db: database.db, from: '2025-04-01', to: '2026-03-31' });
  const received = rows.reduce((sum, r) => sum + r.received, 0);
  const completed = rows.reduce((sum, r) => sum + r.completed, 0);
  const within = rows.reduce((sum, r) => sum + r.completedWithinStandard, 0);
  const counts = await sql<{ received: number; completed: number; within: number }>`
    select (select count(*)::int from applications where (received_at at time zone 'America/Toronto')::date between '2025-04-01' and '2026-03-31') as received,
      (select count(*)::int from applications where completed_day between '2025-04-01' and '2026-03-31') as completed,
      (select count(*)::int from applications where completed_day between '2025-04-01' and '2026-03-31' and within_standard) as within`.execute(database.db);
  assert.deepEqual({ received, completed, within }, counts.rows[0]);
  assert.ok(rows.every((r) => r.day >= '2025-04-01' && r.day <= '2026-03-31'));
});

test('the demo team at Rimouski and its Quebec supervisor each have open files to work', async () => {
  const rimouski = await database.db.selectFrom('service_points').select('id').where('code', '=', 'SCC-QC-034').executeTakeFirstOrThrow();
  const open = await database.db.selectFrom('applications').select(['number', 'programme_code', 'province_code', 'site_id', 'assigned_site_id']).where('state', '=', 'open').execute();
  const agent = { ...EMPTY_SCOPE, sites: [rimouski.id], programmes: ['passport', 'sin'] };
  const supervisor = { ...EMPTY_SCOPE, regions: ['QC'], programmes: ['passport', 'sin', 'citizenship', 'immigration'] };
  const agentFiles = open.filter((file) => coversFile(agent, file));
  const supervisorFiles = open.filter((file) => coversFile(supervisor, file));
  assert.ok(agentFiles.length >= 3, `${agentFiles.length} open files at Rimouski`);
  assert.ok(supervisorFiles.length > agentFiles.length);
  assert.ok(agentFiles.every((file) => supervisorFiles.includes(file)));
});
