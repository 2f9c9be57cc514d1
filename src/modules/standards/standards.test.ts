import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { OPEN_DATA_COLUMNS } from './open-data.js';

describe('service standards and their results', () => {
  let t: TestApp;

  before(async () => {
    t = await buildTestApp({ now: '2026-11-23T15:00:00Z' });
    // Fiscal year 2025-2026: 10 passport files by mail completed in May 2025 (9 on time), 4 work permits in January 2026 (2 on time).
    await sql`
      insert into applications (number, type_code, programme_code, channel, province_code, surname, given_names, date_of_birth, language, stage_code, state, received_at, expected_by, completed_at, completed_day, within_standard, updated_at)
      select 'P' || lpad(i::text, 9, '0'), 'passport_regular', 'passport', 'mail', 'ON', 'Doe', 'Jan', '1980-01-01', 'en', 'mailed', 'completed', '2025-05-01T14:00:00Z', '2025-05-29', '2025-05-20T14:00:00Z', '2025-05-20', i <= 9, now()
      from generate_series(1, 10) i`.execute(t.database.db);
    await sql`
      insert into applications (number, type_code, programme_code, channel, province_code, surname, given_names, date_of_birth, language, stage_code, state, received_at, expected_by, completed_at, completed_day, within_standard, updated_at)
      select 'W' || lpad(i::text, 9, '0'), 'work_permit', 'immigration', 'online', 'ON', 'Doe', 'Jan', '1980-01-01', 'en', 'decision', 'completed', '2025-11-01T14:00:00Z', '2026-01-05', '2026-01-10T14:00:00Z', '2026-01-10', i <= 2, now()
      from generate_series(1, 4) i`.execute(t.database.db);
  });
  after(() => t.close());

  test('results per month, quarter and fiscal year come from the data', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/standards/results?fiscalYear=2025-2026' });
    assert.equal(response.statusCode, 200);
    const standards = response.json().standards as { id: string; year: { total: number; meeting: number; performance: number; targetMet: boolean }; quarters: { total: number }[]; months: { month: string; total: number }[] }[];
    const mail = standards.find((s) => s.id === 'PASS-02')!;
    assert.deepEqual(mail.year, { total: 10, meeting: 9, performance: 0.9, targetMet: true });
    assert.deepEqual(mail.quarters.map((q) => q.total), [10, 0, 0, 0]);
    assert.equal(mail.months.find((m) => m.month === '2025-05')!.total, 10);
    const permits = standards.find((s) => s.id === 'IMM-01')!;
    assert.deepEqual(permits.year, { total: 4, meeting: 2, performance: 0.5, targetMet: false });
    assert.deepEqual(permits.quarters.map((q) => q.total), [0, 0, 0, 4]);
    assert.equal(standards.find((s) => s.id === 'PASS-01')!.year.targetMet, null);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/standards/results?fiscalYear=2025-2027' })).statusCode, 400);
  });

  test('the open data has exactly the GC Service Inventory columns, semicolon-separated, and matches the results', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/service-standards.csv?fiscalYear=2025-2026' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
    const [header] = response.body.split('\n');
    assert.equal(header, 'fiscal_yr;service_id;service_name_en;service_name_fr;service_standard_id;service_standard_en;service_standard_fr;type;channel;channel_comments_en;channel_comments_fr;target;volume_meeting_target;total_volume;performance;comments_en;comments_fr;target_met;standards_targets_uri_en;standards_targets_uri_fr;performance_results_uri_en;performance_results_uri_fr');
    const rows = parse(response.body, { delimiter: ';', columns: true }) as Record<string, string>[];
    const mail = rows.find((r) => r.service_standard_id === 'PASS-02')!;
    assert.deepEqual([mail.fiscal_yr, mail.target, mail.volume_meeting_target, mail.total_volume, mail.performance, mail.target_met], ['2025-2026', '0.9', '9', '10', '0.9', 'Y']);
    assert.equal(rows.find((r) => r.service_standard_id === 'IMM-01')!.target_met, 'N');
    assert.equal(rows.find((r) => r.service_standard_id === 'PASS-01')!.target_met, '');
    const json = (await t.app.inject({ method: 'GET', url: '/api/v1/open-data/service-standards.json?fiscalYear=2025-2026' })).json();
    assert.deepEqual(json.columns, [...OPEN_DATA_COLUMNS]);
    assert.equal(json.rows.length, rows.length);
    const all = parse((await t.app.inject({ method: 'GET', url: '/api/v1/open-data/service-standards.csv' })).body, { delimiter: ';', columns: true }) as Record<string, string>[];
    assert.deepEqual([...new Set(all.map((r) => r.fiscal_yr))], ['2024-2025', '2025-2026', '2026-2027']);
  });

  test('the public pages show the results in both languages', async () => {
    for (const url of ['/en/service-standards', '/fr/normes-de-service', '/en/service-standards/PASS?fiscalYear=2025-2026', '/fr/normes-de-service/IMM?fiscalYear=2025-2026']) {
      const page = await t.app.inject({ method: 'GET', url });
      assert.equal(page.statusCode, 200, url);
    }
    const french = (await t.app.inject({ method: 'GET', url: '/fr/normes-de-service/PASS?fiscalYear=2025-2026' })).body;
    assert.match(french, /<td>90\s%<\/td>/);
    assert.match(french, /Atteinte/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/en/service-standards/NOPE' })).statusCode, 404);
  });
});
