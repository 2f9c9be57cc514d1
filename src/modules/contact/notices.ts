/** Messages to callers that leave after the change is committed; a failure is logged, never fatal. */
import type { ModuleDeps } from '../../platform/deps.js';
import type { ContactCall } from '../../platform/db/tables.contact.js';

/** After the last unanswered attempt: a text to the number we tried, in the caller's language. */
export function sendUnreachableNotice(deps: Pick<ModuleDeps, 'sms' | 'i18n'>, call: ContactCall, log: (error: unknown) => void): void {
  if (!call.callback_number) return;
  const t = deps.i18n.translator(call.language);
  void deps.sms.send({ to: call.callback_number, text: t('contact.notice.unreachable', { attempts: call.attempts }), language: call.language }).catch(log);
}
