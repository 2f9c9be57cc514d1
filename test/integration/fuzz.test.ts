/**
 * Bad input never gives a 500: fast-check throws random bodies, query strings, path parameters
 * and headers at every public route (and at random paths), and every answer must be below 500,
 * with a JSON `{ code, message }` or an HTML page that says what went wrong.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
before(async () => (t = await buildTestApp({ env: { PUBLIC_RATE_LIMIT: '1000000' } })));
after(() => t.close());

const text = fc.string({ unit: 'binary', maxLength: 40 });
const headerValue = fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).filter((v) => !/[\r\n]/.test(v));
const contentType = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=latin1',
);
const body = fc.oneof(
  fc.json({ maxDepth: 3 }),
  text,
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(text, fc.integer(), fc.boolean())).map((o) => new URLSearchParams(o as Record<string, string>).toString()),
);
const query = fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 5 });
const headers = fc.record(
  {
    'accept-language': headerValue,
    'content-type': contentType,
    authorization: fc.oneof(headerValue, headerValue.map((v) => `Bearer ${v}`)),
    cookie: headerValue,
    'x-request-id': headerValue,
    accept: headerValue,
  },
  { requiredKeys: [] },
);

function toQueryString(values: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) params.append(key, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

function publicRoutes() {
  return t.app.routeTable.filter((r) => r.access === 'public' && r.method !== 'HEAD' && !r.url.includes('/live/') && !r.url.startsWith('/docs'));
}

test('random input at every public route never gives a server error', async () => {
  const routes = publicRoutes();
  assert.ok(routes.length >= 8);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), text, query, headers, body, async (route, param, q, h, payload) => {
      const url = route.url.replace(/:[A-Za-z]+/g, () => encodeURIComponent(param) || 'x') + toQueryString(q);
      const response = await t.app.inject({ method: route.method as 'POST', url, headers: h as Record<string, string>, ...(route.method === 'GET' ? {} : { payload }) });
      assert.ok(response.statusCode < 500, `${route.method} ${url} → ${response.statusCode}: ${response.body.slice(0, 300)}`);
      if (response.statusCode >= 400 && String(response.headers['content-type']).startsWith('application/json')) {
        const parsed = response.json();
        assert.equal(typeof parsed.code, 'string');
        assert.equal(typeof parsed.message, 'string');
        assert.notEqual(parsed.message, parsed.code, `untranslated ${parsed.code}`);
      }
    }),
    { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
  );
});

test('random paths answer 404 (or a redirect), never a server error', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('/', '/en/', '/fr/', '/api/v1/', '/assets/'), fc.string({ maxLength: 30 }), async (prefix, rest) => {
      const url = prefix + encodeURIComponent(rest);
      const response = await t.app.inject({ method: 'GET', url });
      assert.ok(response.statusCode < 500, `${url} → ${response.statusCode}`);
    }),
    { numRuns: 200, seed: 7 },
  );
});
