/** Text messages: the GC Notify sender speaks its HTTP API (checked against a local server), numbers are normalised. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createNotifySms, normalizePhone } from './sms.js';

test('GC Notify receives the number, the template and the text, with the API key', async () => {
  const seen: { url?: string; auth?: string; body?: unknown }[] = [];
  let status = 201;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ url: request.url, auth: request.headers.authorization, body: JSON.parse(body) });
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const sms = createNotifySms({ baseUrl: base, apiKey: 'key-123', templateId: 'tpl-1' });
    await sms.send({ to: '+16135550123', text: 'Billet R-004 : vous êtes le prochain.', language: 'fr' });
    assert.deepEqual(seen[0], {
      url: '/v2/notifications/sms',
      auth: 'ApiKey-v1 key-123',
      body: { phone_number: '+16135550123', template_id: 'tpl-1', personalisation: { body: 'Billet R-004 : vous êtes le prochain.' } },
    });
    status = 400;
    await assert.rejects(sms.send({ to: '+16135550123', text: 'x', language: 'en' }), /GC Notify refused the message \(400\)/);
  } finally {
    server.close();
  }
});

test('Canadian numbers are normalised to E.164, others refused', () => {
  assert.equal(normalizePhone('613-555-0123'), '+16135550123');
  assert.equal(normalizePhone('+1 (613) 555 0123'), '+16135550123');
  assert.equal(normalizePhone('1 613 555 0123'), '+16135550123');
  assert.equal(normalizePhone('555-0123'), null);
  assert.equal(normalizePhone('+44 20 7946 0958'), null);
  assert.equal(normalizePhone('013-555-0123'), null);
});
