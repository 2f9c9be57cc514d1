/**
 * The telephony boundary (see the module README): a telephony platform reports what happens on
 * a call as events, and receives what to do next as a list of actions. Adapters translate a
 * platform's own webhook format to these events and these actions back (Twilio: twilio.ts);
 * the JSON form of the protocol is the built-in simulated adapter used by the demo and the tests.
 */
import type { Actor } from '../../../platform/audit.repo.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { ContactCall } from '../../../platform/db/tables.contact.js';
import type { I18n, Language } from '../../../platform/i18n/index.js';
import { recordCallbackResult } from '../agent-work.service.js';
import { arriveCall, chooseOption, hangUp, selfServiceStatus, type Choice } from '../calls.service.js';
import { waitBand } from '../estimate.js';

export type TelephonyEvent =
  | { event: 'arrived'; lineId: string; from: string; language?: Language | undefined }
  | { event: 'choice'; callId: string; digits: string; callbackNumber?: string | undefined }
  | { event: 'self_service'; callId: string; applicationNumber: string; dateOfBirth: string }
  | { event: 'hangup'; callId: string }
  | { event: 'callback_result'; callId: string; answered: boolean };

export type TelephonyAction =
  | { action: 'say'; text: string; language: Language }
  | { action: 'gather'; prompt: string; language: Language; choices: Record<string, Choice> }
  | { action: 'gather_status'; prompt: string; language: Language }
  | { action: 'enqueue'; callId: string; lineId: string }
  | { action: 'bridge'; callId: string; agentId: string }
  | { action: 'hangup' };

/** The keypad: 1 self-service, 2 wait, 3 callback (to the number calling). */
export const KEYPAD: Record<string, Choice> = { '1': 'self_service', '2': 'wait', '3': 'callback' };

export interface TelephonyDeps {
  db: Db;
  clock: Clock;
  i18n: I18n;
  /** After a callback's last unanswered attempt (the notice leaves after the commit). */
  onUnreachable?: (call: ContactCall) => void;
}

export interface TelephonyResult {
  callId?: string;
  actions: TelephonyAction[];
}

export async function handleTelephonyEvent(deps: TelephonyDeps, actor: Actor, event: TelephonyEvent): Promise<TelephonyResult> {
  const base = { db: deps.db, clock: deps.clock, actor };
  switch (event.event) {
    case 'arrived': {
      const { call, estimatedWaitSeconds } = await arriveCall({ ...base, lineRef: event.lineId, from: event.from, language: event.language });
      const t = deps.i18n.translator(call.language);
      const band = waitBand(estimatedWaitSeconds);
      return {
        callId: call.id,
        actions: [
          { action: 'say', text: t('contact.ivr.wait', { wait: t(band.key, band.values) }), language: call.language },
          { action: 'gather', prompt: t('contact.ivr.options'), language: call.language, choices: KEYPAD },
        ],
      };
    }
    case 'choice':
      return afterChoice(deps, actor, event);
    case 'self_service': {
      const status = await selfServiceStatus({ ...base, callId: event.callId, applicationNumber: event.applicationNumber, dateOfBirth: event.dateOfBirth });
      const call = await hangUp({ ...base, callId: event.callId });
      const t = deps.i18n.translator(call.language);
      const language = call.language;
      const text = status ? t('contact.ivr.status', { stage: status.stage[language], expected: status.expectedBy ?? t('contact.ivr.no_date') }) : t('contact.ivr.status_not_found');
      return { actions: [{ action: 'say', text, language }, { action: 'hangup' }] };
    }
    case 'hangup':
      await hangUp({ ...base, callId: event.callId });
      return { actions: [] };
    case 'callback_result': {
      const { call } = await recordCallbackResult({ ...base, callId: event.callId, answered: event.answered });
      if (call.state === 'unreachable') deps.onUnreachable?.(call);
      return { actions: call.state === 'connected' && call.agent_id ? [{ action: 'bridge', callId: call.id, agentId: call.agent_id }] : [{ action: 'hangup' }] };
    }
  }
}

async function afterChoice(deps: TelephonyDeps, actor: Actor, event: Extract<TelephonyEvent, { event: 'choice' }>): Promise<TelephonyResult> {
  const choice = KEYPAD[event.digits.trim()];
  if (!choice) return { actions: [{ action: 'gather', prompt: deps.i18n.translator('en')('contact.ivr.options'), language: 'en', choices: KEYPAD }] };
  const call = await chooseOption({ db: deps.db, clock: deps.clock, actor, callId: event.callId, choice, callbackNumber: event.callbackNumber });
  const t = deps.i18n.translator(call.language);
  const language = call.language;
  if (choice === 'wait') return { actions: [{ action: 'say', text: t('contact.ivr.hold'), language }, { action: 'enqueue', callId: call.id, lineId: call.line_id }] };
  if (choice === 'callback') {
    const digits = (call.callback_number ?? '').slice(-4);
    return { actions: [{ action: 'say', text: t('contact.ivr.callback', { digits }), language }, { action: 'hangup' }] };
  }
  return { actions: [{ action: 'gather_status', prompt: t('contact.ivr.status_prompt'), language }] };
}
