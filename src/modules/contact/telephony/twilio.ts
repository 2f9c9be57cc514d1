/**
 * The Twilio adapter: Twilio's voice webhooks (form posts carrying CallSid, From, To, CallStatus,
 * Digits …, signed with X-Twilio-Signature) become protocol events, and the protocol's actions
 * become TwiML. Twilio's REST API is never called: dialling a callback out is the platform's side.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import { AppError } from '../../../platform/errors.js';
import type { TelephonyAction } from './protocol.js';

const { VoiceResponse } = twilio.twiml;
const VOICE: Record<string, 'en-CA' | 'fr-CA'> = { en: 'en-CA', fr: 'fr-CA' };

/** The form Twilio posts to a voice webhook (the fields we read; Twilio sends more). */
export interface TwilioVoiceForm {
  CallSid?: string;
  From?: string;
  To?: string;
  CallStatus?: string;
  Digits?: string;
  [field: string]: string | undefined;
}

/** Refuses a request whose X-Twilio-Signature does not match the URL and form under the auth token. */
export function checkTwilioSignature(request: FastifyRequest, authToken: string | undefined, publicUrl: string): void {
  if (!authToken) throw new AppError('contact.telephony_disabled', 404);
  const signature = request.headers['x-twilio-signature'];
  const url = new URL(request.url, publicUrl).toString();
  const params = (request.body ?? {}) as Record<string, string>;
  if (typeof signature !== 'string' || !twilio.validateRequest(authToken, signature, url, params)) throw new AppError('contact.telephony_forbidden', 403);
}

/** TwiML for the protocol's actions; `urls` says where Twilio posts what comes next for this call. */
export function toTwiml(actions: TelephonyAction[], urls: { gather(callId: string): string; statusNumber(callId: string): string }, callId: string): string {
  const response = new VoiceResponse();
  for (const a of actions) {
    if (a.action === 'say') response.say({ language: VOICE[a.language]! }, a.text);
    else if (a.action === 'gather') response.gather({ numDigits: 1, action: urls.gather(callId), method: 'POST' }).say({ language: VOICE[a.language]! }, a.prompt);
    else if (a.action === 'gather_status') {
      const gather = response.gather({ finishOnKey: '#', action: urls.statusNumber(callId), method: 'POST' });
      if (a.prompt) gather.say({ language: VOICE[a.language]! }, a.prompt);
    }
    else if (a.action === 'enqueue') response.enqueue(a.lineId);
    else if (a.action === 'bridge') response.dial().client(a.agentId);
    else response.hangup();
  }
  return response.toString();
}

export function sendTwiml(reply: FastifyReply, xml: string) {
  return reply.type('text/xml; charset=utf-8').send(xml);
}

/** Twilio's CallStatus of an outbound call: answered, or not (busy, no-answer, failed, canceled). */
export const answeredStatus = (status: string | undefined) => status === 'in-progress' || status === 'answered';
