/** The insights module's staffing: registered by `../index.ts`. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';

export function registerStaffing(_app: FastifyInstance, _deps: ModuleDeps): void {}
