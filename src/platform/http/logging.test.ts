import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { REDACTED, redact, safeUrl, serializeError } from './logging.js';

let database: TestDatabase;
before(async () => (database = await createTestDatabase({ migrate: false })));
after(() => database.close());

test('a logged URL names its secret parameters and drops its query values', () => {
  const route = (url: string, pattern: string, params: Record<string, string>) => safeUrl({ url, routeOptions: { url: pattern } as never, params });
  assert.equal(route('/api/v1/applications/P123456789/transitions', '/api/v1/applications/:number/transitions', { number: 'P123456789' }), '/api/v1/applications/:number/transitions');
  assert.equal(route('/fr/billet/abc?x=1', '/fr/billet/:token', { token: 'abc' }), `/fr/billet/:token?x=${REDACTED}`);
  assert.equal(route('/en/my-appointment/42/sig', '/en/my-appointment/:id/:signature', { id: '42', signature: 'sig' }), '/en/my-appointment/42/:signature');
  assert.equal(route('/api/v1/sites/SCC-ON-001/visits', '/api/v1/sites/:siteId/visits', { siteId: 'SCC-ON-001' }), '/api/v1/sites/SCC-ON-001/visits');
  assert.equal(route('/assets/guichet.css', '/assets/*', { '*': 'guichet.css' }), '/assets/guichet.css');
  assert.equal(safeUrl({ url: '/en/application-status?applicationNumber=P123456789&dateOfBirth=1985-04-23' }), `/en/application-status?applicationNumber=${REDACTED}&dateOfBirth=${REDACTED}`);
  // No route matched: anything that looks like a number, a date or an address is not shown.
  assert.equal(safeUrl({ url: '/api/v1/applicatons/P123456789/a@b.ca/1985-04-23/x' }), '/api/v1/applicatons/:redacted/:redacted/:redacted/x');
});

test('secret fields are redacted at any depth, whatever their case or spelling', () => {
  const headers = { authorization: 'Bearer abc', cookie: 'guichet_session=s', 'set-cookie': ['x'], accept: 'text/html' };
  const logged = redact({ busboyOptions: { headers }, deep: { list: [{ contact: { email: 'a@b.ca', phone: '6135550100' } }], date_of_birth: '1985-04-23', apiToken: 't', newPassword: 'p' }, count: 3 });
  assert.deepEqual(logged, {
    busboyOptions: { headers: { authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED, accept: 'text/html' } },
    deep: { list: [{ contact: REDACTED }], date_of_birth: REDACTED, apiToken: REDACTED, newPassword: REDACTED },
    count: 3,
  });
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  assert.deepEqual(redact(cyclic), { name: 'loop', self: '[…]' });
});

test('a database error loses the values it carries: bound parameters, detail, quoted input', async () => {
  const failure = await sql`select ${'1985-04-23x'}::date, ${'someone@example.ca'}::text`.execute(database.db).catch((error: unknown) => error);
  assert.ok(failure instanceof Error);
  const text = JSON.stringify(serializeError(failure));
  assert.ok(!text.includes('1985-04-23x'), text);
  assert.ok(!text.includes('someone@example.ca'), text);
  assert.match(text, /invalid input syntax for type date/);
  assert.match(text, /"code":"22007"/);
  const mail = new Error('550 5.1.1 <someone@example.ca>: Recipient address rejected');
  assert.ok(!JSON.stringify(serializeError(mail)).includes('someone@example.ca'));
});
