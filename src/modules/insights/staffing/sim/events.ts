/** Event kinds: an event id in the heap is `payload × 4 + kind` (see engine.ts). */
export const DEPART = 0;
export const DEADLINE = 1;
export const RETRY = 2;
export const SYSTEM = 3;
