/**
 * Every body is bounded, and over the bound the server answers at once and reads no further:
 * bodies are streamed at the real server far past each limit, and the answer (a translated 413,
 * or 415 for a file where none is expected) must arrive while most of the body is still unsent.
 * Nothing changes. The API answers `{ code, message }` in the caller's language, pages an error page.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createUser, csrfTokenOf, signIn } from '../helpers/http.js';
import { FORM_BODY_LIMIT } from '../../src/platform/http/bodies.js';
import { MAX_IMPORT_BYTES } from '../../src/modules/network/index.js';

const JSON_LIMIT = 1_048_576;
const MB = 1_048_576;

interface Streamed {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  /** Bytes of the body the client had handed to the socket when the answer came. */
  sent: number;
}

let t: TestApp;
let port = 0;
let siteId = '';

/**
 * Streams `head`, then `filler` repeatedly up to `total` bytes, without a Content-Length unless
 * one is given; stops writing as soon as the answer arrives.
 */
function stream(options: { path: string; headers: Record<string, string>; head?: string; filler?: Buffer; total: number }): Promise<Streamed> {
  const filler = options.filler ?? Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: options.path, headers: options.headers });
    request.on('response', (response) => {
      answered = true;
      const sentAtAnswer = sent;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers, sent: sentAtAnswer });
        request.destroy();
      });
    });
    // Once the server has answered and closed, writing fails: that is the point.
    request.on('error', (error) => (answered ? undefined : reject(error)));
    if (options.head) {
      request.write(options.head);
      sent += Buffer.byteLength(options.head);
    }
    const write = () => {
      while (!answered && !request.destroyed && sent < options.total) {
        sent += filler.length;
        if (!request.write(filler)) return void request.once('drain', write);
      }
      if (!answered && !request.destroyed) request.end();
    };
    write();
  });
}

const count = async (table: 'visits' | 'service_points' | 'contact_inquiries') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n;
const multipartHead = (boundary: string, fields: Record<string, string>, fileName = 'points.csv') =>
  Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('') + `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: text/csv\r\n\r\n`;

before(async () => {
  t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as { port: number }).port;
  siteId = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=ON&type=scc&service=passport&pageSize=1' })).json().items[0].id;
  await createUser(t.database, 'admin', 'admin@test.example');
});
after(() => t.close());

describe('the public API', () => {
  test('JSON past 1 MB: a translated 413, the rest never read, nothing changed', async () => {
    const before = await count('visits');
    const path = `/api/v1/sites/${siteId}/virtual-queue`;
    const total = 64 * MB;
    for (const [language, message] of [['en', /too large/], ['fr', /trop volumineux/]] as const) {
      const answer = await stream({ path, headers: { 'content-type': 'application/json', 'accept-language': language }, head: '{"service":"passport","x":"', total });
      assert.equal(answer.status, 413);
      assert.equal(JSON.parse(answer.body).code, 'common.payload_too_large');
      assert.match(JSON.parse(answer.body).message, message);
      assert.equal(answer.headers.connection, 'close');
      assert.ok(answer.sent < total / 4, `answered after ${answer.sent} of ${total} bytes`);
    }
    // Declared too large: refused before a byte of the body is sent.
    const declared = await stream({ path, headers: { 'content-type': 'application/json', 'content-length': String(JSON_LIMIT + 1) }, total: JSON_LIMIT + 1, filler: Buffer.alloc(JSON_LIMIT + 1, ' ') });
    assert.equal(declared.status, 413);
    assert.equal(await count('visits'), before);
  });

  test('a 45 MB multipart body to the virtual queue is refused before it is read', async () => {
    const before = await count('visits');
    for (const [language, message] of [['en', /not accepted/], ['fr', /n'est pas accepté/]] as const) {
      const boundary = 'guichetboundary';
      const answer = await stream({
        path: `/api/v1/sites/${siteId}/virtual-queue`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': language },
        head: multipartHead(boundary, { service: 'passport' }),
        total: 45 * MB,
      });
      assert.equal(answer.status, 415);
      assert.equal(JSON.parse(answer.body).code, 'common.unsupported_media_type');
      assert.match(JSON.parse(answer.body).message, message);
      assert.ok(answer.sent < 45 * MB / 4, `answered after ${answer.sent} bytes`);
    }
    assert.equal(await count('visits'), before);
  });

  test('a CSV body keeps the server’s limit on routes that are not the import', async () => {
    const answer = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${siteId}/virtual-queue`, headers: { 'content-type': 'text/csv', 'accept-language': 'fr' }, payload: 'a'.repeat(JSON_LIMIT + 1) });
    assert.equal(answer.statusCode, 413);
    assert.match(answer.json().message, /trop volumineux/);
  });
});

describe('pages', () => {
  test('a form past 64 KB answers a translated error page and is not read further', async () => {
    const before = await count('contact_inquiries');
    const answer = await stream({ path: '/fr/contact/ecrivez-nous', headers: { 'content-type': 'application/x-www-form-urlencoded' }, head: 'line=passport&body=', total: 64 * MB });
    assert.equal(answer.status, 413);
    assert.match(answer.headers['content-type'] as string, /text\/html/);
    assert.match(answer.body, /<html lang="fr">/);
    assert.match(answer.body, /Ce que vous avez envoyé est trop volumineux/);
    assert.ok(answer.sent < 16 * MB, `answered after ${answer.sent} bytes`);
    const english = await t.app.inject({ method: 'POST', url: '/en/contact/write-to-us', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `body=${'a'.repeat(FORM_BODY_LIMIT)}` });
    assert.equal(english.statusCode, 413);
    assert.match(english.body, /What you sent is too large/);
    assert.equal(await count('contact_inquiries'), before);
  });

  test('a file sent to a page that expects none is refused with an error page', async () => {
    const answer = await stream({ path: '/en/contact/write-to-us', headers: { 'content-type': 'multipart/form-data; boundary=b' }, head: multipartHead('b', { line: 'passport' }), total: 64 * MB });
    assert.equal(answer.status, 415);
    assert.match(answer.body, /This type of content is not accepted here/);
    assert.ok(answer.sent < 16 * MB, `answered after ${answer.sent} bytes`);
  });
});

describe('the import page, which expects a file', () => {
  const session = async () => {
    const { jar } = await signIn(t.app, 'admin@test.example');
    const page = await t.app.inject({ method: 'GET', url: '/en/network/import', headers: { cookie: jar.header() } });
    return { cookie: jar.header(), csrf: csrfTokenOf(page.body) };
  };

  test('a file past the limit: 413 on the page, read no further, nothing imported', async () => {
    const { cookie, csrf } = await session();
    const before = await count('service_points');
    const boundary = 'importboundary';
    const header = 'external_id,name_en,name_fr,type,province,latitude,longitude,services\n';
    const row = Buffer.from('QC-BIG-1,Big,Grand,partnership_site,QC,45.5,-73.5,municipal_services\n'.repeat(800));
    for (const language of ['en', 'fr'] as const) {
      const path = language === 'en' ? '/en/network/import' : '/fr/reseau/importation';
      const answer = await stream({ path, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, head: multipartHead(boundary, { _csrf: csrf }) + header, filler: row, total: MAX_IMPORT_BYTES * 8 });
      assert.equal(answer.status, 413);
      assert.match(answer.body, language === 'en' ? /What you sent is too large/ : /Ce que vous avez envoyé est trop volumineux/);
      assert.ok(answer.sent < MAX_IMPORT_BYTES + 16 * MB, `answered after ${answer.sent} of ${MAX_IMPORT_BYTES * 8} bytes`);
    }
    // Declared too large: refused before the body is read.
    const declared = await t.app.inject({ method: 'POST', url: '/en/network/import', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(MAX_IMPORT_BYTES * 2) }, payload: 'x' });
    assert.equal(declared.statusCode, 413);
    assert.equal(await count('service_points'), before);
  });

  test('more files, fields or parts than the form has: 413', async () => {
    const { cookie, csrf } = await session();
    const boundary = 'manyparts';
    const send = (body: string) => t.app.inject({ method: 'POST', url: '/en/network/import', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    const file = (name: string) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${name}.csv"\r\ncontent-type: text/csv\r\n\r\nexternal_id\r\n`;
    const field = (name: string) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${name === '_csrf' ? csrf : 'on'}\r\n`;
    const twoFiles = await send(field('_csrf') + file('file') + file('other') + `--${boundary}--\r\n`);
    assert.equal(twoFiles.statusCode, 413);
    const manyFields = await send(field('_csrf') + ['a', 'b', 'c', 'd'].map(field).join('') + file('file') + `--${boundary}--\r\n`);
    assert.equal(manyFields.statusCode, 413);
    assert.match(manyFields.body, /What you sent is too large/);
  });

  test('without signing in, the upload is refused before its body is read', async () => {
    const answer = await stream({ path: '/en/network/import', headers: { 'content-type': 'multipart/form-data; boundary=b' }, head: multipartHead('b', {}), total: 64 * MB });
    assert.equal(answer.status, 401);
    assert.ok(answer.sent < 16 * MB, `answered after ${answer.sent} bytes`);
  });
});
