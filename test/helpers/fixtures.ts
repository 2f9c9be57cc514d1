/** Records a test sets up directly in the database, where the route that makes them is not under test. */
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.js';

/** An open passport office in `province` with four counters; returns its id. */
export async function insertPassportSite(db: Db, code: string, province: string, names = { en: `Office ${code}`, fr: `Bureau ${code}` }): Promise<string> {
  const inserted = await sql<{ id: string }>`
    insert into service_points (external_id, code, type, name_en, name_fr, address_line, city, province_code, postal_code, latitude, longitude, time_zone, counters, status)
    values (${code}, ${code}, 'passport_site', ${names.en}, ${names.fr}, '1 Main St', 'Somewhere', ${province}, 'K1A0A1', 45.4, -75.7, 'America/Toronto', 4, 'open') returning id`.execute(db);
  return inserted.rows[0]!.id;
}
