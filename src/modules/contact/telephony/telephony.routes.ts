/** The telephony webhooks: the protocol in JSON (the simulated adapter) and Twilio's voice webhooks. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { ModuleDeps } from '../../../platform/deps.js';
import type { ContactCall } from '../../../platform/db/tables.contact.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { CallParams, LineParams } from '../contact.schemas.js';
import { CONTACT_STAFF } from '../contact.routes.js';
import { sendUnreachableNotice } from '../notices.js';
import { handleTelephonyEvent, type TelephonyEvent } from './protocol.js';
import { answeredStatus, checkTwilioSignature, sendTwiml, toTwiml, type TwilioVoiceForm } from './twilio.js';

const EVENTS = ['arrived', 'choice', 'self_service', 'hangup', 'callback_result'] as const;
const EventBody = Type.Object(
  {
    event: Type.Unsafe<(typeof EVENTS)[number]>({ type: 'string', enum: [...EVENTS] }),
    lineId: Type.Optional(Type.String({ minLength: 2, maxLength: 40 })),
    callId: Type.Optional(CallParams.properties.callId),
    from: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    language: Type.Optional(Type.Unsafe<'en' | 'fr'>({ type: 'string', enum: ['en', 'fr'] })),
    digits: Type.Optional(Type.String({ maxLength: 40 })),
    callbackNumber: Type.Optional(Type.String({ maxLength: 30 })),
    applicationNumber: Type.Optional(Type.String({ maxLength: 40 })),
    dateOfBirth: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    answered: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
type EventBody = Static<typeof EventBody>;

/** The wire body as a protocol event; a field the event needs and lacks is a 400. */
function toEvent(body: EventBody): TelephonyEvent {
  const need = <T>(value: T | undefined, field: string): T => {
    if (value === undefined) throw new AppError('common.invalid_input', 400, {}, { [field]: 'contact.event_field_missing' });
    return value;
  };
  switch (body.event) {
    case 'arrived':
      return { event: 'arrived', lineId: need(body.lineId, 'lineId'), from: need(body.from, 'from'), language: body.language };
    case 'choice':
      return { event: 'choice', callId: need(body.callId, 'callId'), digits: need(body.digits, 'digits'), callbackNumber: body.callbackNumber };
    case 'self_service':
      return { event: 'self_service', callId: need(body.callId, 'callId'), applicationNumber: need(body.applicationNumber, 'applicationNumber'), dateOfBirth: need(body.dateOfBirth, 'dateOfBirth') };
    case 'hangup':
      return { event: 'hangup', callId: need(body.callId, 'callId') };
    case 'callback_result':
      return { event: 'callback_result', callId: need(body.callId, 'callId'), answered: need(body.answered, 'answered') };
  }
}

export function registerTelephonyRoutes(app: FastifyInstance, deps: ModuleDeps, twilioAuthToken: string | undefined): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tdeps = { db: deps.database.db, clock: deps.clock, i18n: deps.i18n, guard: deps.guard, onUnreachable: (call: ContactCall) => sendUnreachableNotice(deps, call, (error) => app.log.error({ err: error }, 'unreachable notice failed')) };
  const tags = ['contact'];
  const base = '/api/v1/contact/telephony/twilio';
  const urls = { gather: (id: string) => `${base}/calls/${id}/gather`, statusNumber: (id: string) => `${base}/calls/${id}/status-number` };

  api.post(
    '/api/v1/contact/telephony/events',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'contactTelephonyEvent', summary: 'The telephony protocol: a call event in, the actions to take out (the simulated adapter)', body: EventBody } },
    async (request) => {
      const event = toEvent(request.body);
      const result = await handleTelephonyEvent(tdeps, actorOf(request), event);
      return result;
    },
  );

  // Twilio signs every webhook; these routes are public and refuse any request it did not sign.
  const twilioRoute = (url: string, operationId: string, params: typeof LineParams | typeof CallParams, handle: (id: string, form: TwilioVoiceForm, request: FastifyRequest) => Promise<string>) =>
    app.post(url, { config: { access: 'public' }, schema: { tags, operationId, summary: 'Twilio voice webhook (TwiML)', params } }, async (request, reply) => {
      checkTwilioSignature(request, twilioAuthToken, deps.config.publicUrl);
      const id = Object.values(request.params as Record<string, string>)[0]!;
      return sendTwiml(reply, await handle(id, (request.body ?? {}) as TwilioVoiceForm, request));
    });

  twilioRoute(`${base}/lines/:lineId/voice`, 'twilioVoiceArrived', LineParams, async (lineId, form, request) => {
    const result = await handleTelephonyEvent(tdeps, actorOf(request), { event: 'arrived', lineId, from: form.From ?? 'unknown' });
    return toTwiml(result.actions, urls, result.callId!);
  });
  twilioRoute(`${base}/calls/:callId/gather`, 'twilioVoiceChoice', CallParams, async (callId, form, request) => {
    const result = await handleTelephonyEvent(tdeps, actorOf(request), { event: 'choice', callId, digits: form.Digits ?? '' });
    return toTwiml(result.actions, urls, callId);
  });
  twilioRoute(`${base}/calls/:callId/status-number`, 'twilioVoiceApplication', CallParams, async (callId, form) => {
    const application = (form.Digits ?? '').replace(/\D/g, '').slice(0, 20);
    return toTwiml([{ action: 'gather_status', prompt: '', language: 'en' }], { ...urls, statusNumber: () => `${base}/calls/${callId}/status-birth?application=${application}` }, callId);
  });
  twilioRoute(`${base}/calls/:callId/status-birth`, 'twilioVoiceBirthDate', CallParams, async (callId, form, request) => {
    const application = String((request.query as Record<string, unknown>).application ?? '').slice(0, 20);
    const d = (form.Digits ?? '').replace(/\D/g, '');
    const dateOfBirth = d.length === 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : '0000-00-00';
    const result = await handleTelephonyEvent(tdeps, actorOf(request), { event: 'self_service', callId, applicationNumber: application, dateOfBirth });
    return toTwiml(result.actions, urls, callId);
  });
  twilioRoute(`${base}/calls/:callId/status`, 'twilioVoiceStatus', CallParams, async (callId, form, request) => {
    // Twilio's status callback: a caller who hangs up while holding has abandoned.
    if (form.CallStatus === 'completed') await handleTelephonyEvent(tdeps, actorOf(request), { event: 'hangup', callId }).catch((error: unknown) => (error instanceof AppError && error.status === 409 ? undefined : Promise.reject(error)));
    return toTwiml([], urls, callId);
  });
  twilioRoute(`${base}/calls/:callId/callback`, 'twilioVoiceCallbackAnswered', CallParams, async (callId, form, request) => {
    const result = await handleTelephonyEvent(tdeps, actorOf(request), { event: 'callback_result', callId, answered: answeredStatus(form.CallStatus) });
    return toTwiml(result.actions, urls, callId);
  });
}
