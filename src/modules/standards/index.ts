/** Public API of the service standards module (issue 6): standards, results, open data. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/deps.js';

export function registerStandardsModule(_app: FastifyInstance, _deps: ModuleDeps): void {}
