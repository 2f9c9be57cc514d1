/** Public API of the contact centre module (issue 5): lines, agents, calls and callbacks, inquiries. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/deps.js';
import { createHolidayCalendar } from '../../platform/holidays.js';
import { registerContactRoutes } from './contact.routes.js';
import { registerInquiryRoutes } from './inquiries.routes.js';
import { registerConsolePage } from './ui/console.js';
import { registerInquiryPages } from './ui/inquiries.js';
import { registerPublicPages } from './ui/public.js';
import { registerSupervisorPage } from './ui/supervisor.js';
import { registerTelephonyRoutes } from './telephony/telephony.routes.js';

export { getContactDailyVolumes, loadDemoContactHistory } from './history.service.js';
export { CONTACT_PAGES } from './ui/public.js';
export { CONTACT_TOPIC, createLine, listLinesInScope } from './lines.service.js';
export { enrolAgent, findOwnAgent, getAgent, setAgentState } from './agents.service.js';
export { arriveCall, chooseOption, hangUp, takeNext } from './calls.service.js';
export { completeCall, recordCallbackResult, transferCall } from './agent-work.service.js';
export { dueDate, isOpenAt } from './hours.js';
export { getEstimateAccuracy } from './metrics.service.js';
export { simulateDay } from './simulation.js';
export { asteriskHoldtime, estimateWaitSeconds, genesysEstimateSeconds, meanAbsoluteError, waitBand } from './estimate.js';

export function registerContactModule(app: FastifyInstance, deps: ModuleDeps): void {
  const holidays = createHolidayCalendar();
  registerContactRoutes(app, deps);
  registerInquiryRoutes(app, deps, holidays);
  registerPublicPages(app, deps, holidays);
  registerConsolePage(app, deps);
  registerInquiryPages(app, deps);
  registerSupervisorPage(app, deps);
  // Twilio's auth token signs its webhooks; without it the Twilio adapter answers 404.
  registerTelephonyRoutes(app, deps, deps.config.twilioAuthToken);
}
