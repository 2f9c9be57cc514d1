/** The appointment pages: booking and the client's own page (public), today's list (reception), settings (supervisors). */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import type { AppointmentHooks } from '../index.js';
import { registerBookPage } from './book.js';
import { registerManagePage } from './manage.js';
import { registerSettingsPage } from './settings.js';
import { registerTodayPage } from './today.js';

export function registerAppointmentPages(app: FastifyInstance, deps: ModuleDeps, hooks: AppointmentHooks): void {
  registerBookPage(app, deps, hooks);
  registerManagePage(app, deps, hooks);
  registerTodayPage(app, deps);
  registerSettingsPage(app, deps);
}
