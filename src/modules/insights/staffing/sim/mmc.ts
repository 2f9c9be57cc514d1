/** The M/M/c model of the CLI and the benchmark: one queue, one group, exponential times. */
import type { CoreModel } from './model.js';

export interface MmcInput {
  servers: number;
  arrivalRate: number;
  serviceRate: number;
  customers: number;
  seed: number;
  /** Exponential patience with this mean (Erlang A); none by default (Erlang C). */
  meanPatience?: number;
  /** Target of the service level (share answered within it); 0 by default. */
  serviceLevelSeconds?: number;
}

export function mmcModel(input: MmcInput): CoreModel {
  return {
    periodSeconds: 1,
    periods: 1,
    maxCustomers: input.customers,
    serviceLevelSeconds: input.serviceLevelSeconds ?? 0,
    seed: input.seed,
    classes: [
      {
        name: 'mmc',
        arrivalsPerPeriod: [input.arrivalRate],
        handle: { kind: 'exponential', mean: 1 / input.serviceRate },
        patience: input.meanPatience ? { kind: 'exponential', mean: input.meanPatience } : null,
        callback: null,
        appointments: null,
        next: [],
        virtualShare: 0,
        lobbyLeadSeconds: 0,
        internal: false,
      },
    ],
    groups: [{ name: 'servers', skills: [0], staffing: [input.servers] }],
  };
}
