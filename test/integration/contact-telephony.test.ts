/**
 * The telephony boundary: the JSON protocol (the simulated adapter) and the Twilio adapter,
 * driven with Twilio's documented voice webhook form (recorded request shapes) and signed with
 * X-Twilio-Signature; the published wait times; the estimate report against the two methods.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import twilio from 'twilio';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createApiToken, createStaffUser } from '../../src/platform/auth/auth.service.js';
import { systemActor } from '../../src/platform/audit.repo.js';

const AUTH_TOKEN = 'test-twilio-auth-token-0123456789';

/** What Twilio posts when a call reaches a number (its documented voice webhook parameters). */
const inboundForm = (extra: Record<string, string> = {}) => ({
  AccountSid: 'AC00000000000000000000000000000000',
  ApiVersion: '2010-04-01',
  CallSid: 'CA11111111111111111111111111111111',
  CallStatus: 'ringing',
  Called: '+18006226232',
  Caller: '+16135550123',
  Direction: 'inbound',
  From: '+16135550123',
  FromCity: 'OTTAWA',
  FromCountry: 'CA',
  FromState: 'ON',
  To: '+18006226232',
  ToCountry: 'CA',
  ...extra,
});

describe('telephony', () => {
  let t: TestApp;
  let token: string;
  let admin: string;
  before(async () => {
    t = await buildTestApp({ now: '2026-11-23T15:00:00Z', env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN } });
    token = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'phone', role: 'agent' })).token;
    admin = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'admin', role: 'supervisor' })).token;
    await t.app.inject({ method: 'POST', url: '/api/v1/contact/lines', headers: { authorization: `Bearer ${admin}` }, payload: { code: 'sin', nameEn: 'Social Insurance Number', nameFr: 'Numéro d’assurance sociale' } });
  });
  after(() => t.close());

  const event = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/contact/telephony/events', headers: { authorization: `Bearer ${token}` }, payload });
  const twilioPost = (path: string, form: Record<string, string>, sign = true) => {
    const url = new URL(path, t.config.publicUrl).toString();
    const signature = sign ? twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, form) : 'forged';
    return t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, payload: new URLSearchParams(form).toString() });
  };

  test('the protocol announces an honest wait and the options, in the caller’s language', async () => {
    const arrived = await event({ event: 'arrived', lineId: 'sin', from: '+16135550100', language: 'fr' });
    assert.equal(arrived.statusCode, 200, arrived.body);
    const { callId, actions } = arrived.json();
    assert.equal(actions[0].action, 'say');
    assert.match(actions[0].text, /^Merci d’avoir appelé Service Canada\. L’attente .* est de (moins de 5 minutes|environ \d+ à \d+ minutes)\.$/);
    assert.deepEqual(actions[1].choices, { 1: 'self_service', 2: 'wait', 3: 'callback' });
    const callback = (await event({ event: 'choice', callId, digits: '3' })).json();
    assert.match(callback.actions[0].text, /0100/);
    assert.equal(callback.actions[1].action, 'hangup');
    assert.equal((await event({ event: 'choice', callId })).statusCode, 400, 'a missing field is a 400');
    const other = (await event({ event: 'arrived', lineId: 'sin', from: '+16135550101' })).json();
    const selfService = (await event({ event: 'choice', callId: other.callId, digits: '1' })).json();
    assert.equal(selfService.actions[0].action, 'gather_status');
    const answer = (await event({ event: 'self_service', callId: other.callId, applicationNumber: 'X1', dateOfBirth: '1990-05-01' })).json();
    assert.match(answer.actions[0].text, /could not find/);
  });

  test('Twilio: a signed voice webhook gets TwiML; a forged one is refused', async () => {
    assert.equal((await twilioPost('/api/v1/contact/telephony/twilio/lines/sin/voice', inboundForm(), false)).statusCode, 403);
    const voice = await twilioPost('/api/v1/contact/telephony/twilio/lines/sin/voice', inboundForm());
    assert.equal(voice.statusCode, 200, voice.body);
    assert.match(voice.headers['content-type'] as string, /text\/xml/);
    assert.match(voice.body, /<Say language="en-CA">Thank you for calling Service Canada\. The wait to speak with an agent is (less than 5 minutes|about \d+ to \d+ minutes)\.<\/Say>/);
    const gather = /<Gather numDigits="1" action="([^"]+)" method="POST">/.exec(voice.body);
    assert.ok(gather, voice.body);
    const hold = await twilioPost(gather[1]!, inboundForm({ CallStatus: 'in-progress', Digits: '2' }));
    assert.match(hold.body, /<Enqueue>[0-9a-f-]{36}<\/Enqueue>/);
    const callId = /calls\/([0-9a-f-]{36})\/gather/.exec(gather[1]!)![1]!;
    const status = await twilioPost(`/api/v1/contact/telephony/twilio/calls/${callId}/status`, inboundForm({ CallStatus: 'completed', CallDuration: '42' }));
    assert.equal(status.statusCode, 200);
    const call = await t.database.db.selectFrom('contact_calls').select('state').where('id', '=', callId).executeTakeFirstOrThrow();
    assert.equal(call.state, 'abandoned');
  });

  test('published wait times and the estimate report against Asterisk and Genesys', async () => {
    const published = await t.app.inject({ method: 'GET', url: '/api/v1/contact/wait-times', headers: { 'accept-language': 'fr' } });
    const sin = published.json().items.find((l: { code: string }) => l.code === 'sin');
    assert.equal(sin.alwaysOpen, true);
    assert.match(sin.announcement, /minutes/);
    await createStaffUser({ db: t.database.db, actor: systemActor('test'), email: 'b@test.example', displayName: 'B', role: 'agent', password: 'correct horse battery staple', assignments: { lines: ['sin'] } });
    const agent = (await t.app.inject({ method: 'POST', url: '/api/v1/contact/agents', headers: { authorization: `Bearer ${admin}` }, payload: { email: 'b@test.example', languages: ['en', 'fr'] } })).json().id;
    await t.app.inject({ method: 'POST', url: `/api/v1/contact/agents/${agent}/state`, headers: { authorization: `Bearer ${token}` }, payload: { state: 'available' } });
    t.clock.advance(120_000);
    const next = await t.app.inject({ method: 'POST', url: `/api/v1/contact/agents/${agent}/next`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(next.json().kind, 'callback');
    const report = (await t.app.inject({ method: 'GET', url: '/api/v1/contact/estimate-accuracy', headers: { authorization: `Bearer ${admin}` } })).json();
    assert.equal(report.calls, 1);
    assert.deepEqual(Object.keys(report.meanAbsoluteErrorSeconds).sort(), ['asterisk', 'genesys', 'ours']);
    const live = (await t.app.inject({ method: 'GET', url: '/api/v1/contact/supervisor', headers: { authorization: `Bearer ${admin}` } })).json();
    const line = live.lines.find((l: { line: { code: string } }) => l.line.code === 'sin');
    assert.equal(line.agents.on_call, 1);
    assert.equal(line.callbacksDue, 1);
  });
});
