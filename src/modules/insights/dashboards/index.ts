/** The insights module's dashboards: registered by `../index.ts`. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';

export function registerDashboards(_app: FastifyInstance, _deps: ModuleDeps): void {}
