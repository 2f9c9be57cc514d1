/** The server's platform behaviour, through the real app: health, docs, metrics, headers, limits, errors. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { onPostgres } from '../helpers/database.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

describe('platform over HTTP', () => {
  let t: TestApp;
  const metricsToken = 'm'.repeat(40);
  before(async () => (t = await buildTestApp({ env: { PUBLIC_RATE_LIMIT: '5', METRICS_TOKEN: metricsToken } })));
  after(() => t.close());

  test('GET /healthz names the database engine', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok', database: onPostgres() ? 'postgres' : 'embedded' });
  });

  test('the OpenAPI description lists the API and /docs renders it', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.match(spec.openapi, /^3\./);
    assert.ok(spec.paths['/api/v1/service-points']);
    assert.ok(spec.paths['/api/v1/service-points/{id}']);
    assert.ok(!Object.keys(spec.paths).some((p: string) => p.startsWith('/en')), 'pages are not API operations');
    const docs = await t.app.inject({ method: 'GET', url: '/docs', headers: { 'accept-language': 'fr' } });
    assert.equal(docs.headers.location, '/fr/api');
    const page = await t.app.inject({ method: 'GET', url: '/fr/api' });
    assert.match(page.body, /GET \/api\/v1\/service-points\/\{id\}/);
    assert.match(page.body, /Un point de service par son identifiant, son identifiant externe ou son code/);
    for (const operation of Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) => Object.values(item))) {
      assert.ok(operation.operationId, 'every operation has an operationId (its summary is translated by it)');
    }
  });

  test('/metrics speaks Prometheus and counts requests by route pattern', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/service-points/SCC-XX-999' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.headers['content-type'] as string, /text\/plain/);
    assert.match(metrics.body, /guichet_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/service-points\/:id",status="404"\} 1/);
    assert.match(metrics.body, /guichet_process_cpu_seconds_total/);
  });

  test('security headers and the request id are on every answer', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/en', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(response.headers['x-request-id'], 'abc-123');
    assert.match(response.headers['content-security-policy'] as string, /default-src 'self'/);
    assert.match(response.headers['content-security-policy'] as string, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.ok(response.headers['strict-transport-security']);
    const generated = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(generated.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
  });

  test('errors answer { code, message } in the language asked', async () => {
    const fr = await t.app.inject({ method: 'GET', url: '/api/v1/service-points/NOPE-1', headers: { 'accept-language': 'fr-CA,fr;q=0.9' } });
    assert.equal(fr.statusCode, 404);
    assert.deepEqual(fr.json(), { code: 'network.site_not_found', message: "Nous n'avons pas trouvé ce point de service." });
    const en = await t.app.inject({ method: 'GET', url: '/api/v1/service-points?pageSize=5000' });
    assert.equal(en.statusCode, 400);
    assert.equal(en.json().code, 'common.invalid_input');
    assert.ok(en.json().fields.pageSize);
  });

  test('an unknown page answers a 404 page in its language, with the toggle', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/fr/nulle-part' });
    assert.equal(response.statusCode, 404);
    assert.match(response.headers['content-type'] as string, /text\/html/);
    assert.match(response.body, /<html lang="fr">/);
    assert.match(response.body, /Nous n&#x27;avons pas trouvé cette page|Nous n'avons pas trouvé cette page/);
    assert.match(response.body, /href="\/en"[^>]*lang="en"/);
  });

  test('/ sends visitors to their language', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'fr-CA' } });
    assert.equal(response.statusCode, 302);
    assert.equal(response.headers.location, '/fr');
  });

  test('pages are compressed for slow links', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/en', headers: { 'accept-encoding': 'br, gzip' } });
    assert.ok(['br', 'gzip'].includes(response.headers['content-encoding'] as string));
  });

  test('public routes are rate limited per address, with a translated answer', async () => {
    let last = await t.app.inject({ method: 'GET', url: '/api/v1/network/summary', remoteAddress: '10.9.8.7' });
    for (let i = 0; i < 6; i++) last = await t.app.inject({ method: 'GET', url: '/api/v1/network/summary', remoteAddress: '10.9.8.7', headers: { 'accept-language': 'fr' } });
    assert.equal(last.statusCode, 429);
    assert.equal(last.json().code, 'common.rate_limited');
    assert.match(last.json().message, /Trop de requêtes/);
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/network/summary', remoteAddress: '10.9.8.8' });
    assert.equal(other.statusCode, 200);
  });
});
