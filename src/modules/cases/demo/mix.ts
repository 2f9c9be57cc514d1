/**
 * What the demo's files look like: how many of each type arrive per business day, how many are
 * done within the standard (the seeds' figures: passport about 90 %, IRCC lines about 57 %), and
 * how late the others run. Types with long standards start arriving `leadDays` before the window,
 * so that the first fiscal year's completions include slow files too (and are not all on time).
 */
export const MIX = [
  { type: 'passport_regular', programme: 'passport', channel: 'in_person', perDay: 15, withinRate: 0.905, std: 10, lateDays: 6, prefix: 'P', leadDays: 0 },
  { type: 'passport_regular', programme: 'passport', channel: 'mail', perDay: 6, withinRate: 0.9, std: 20, lateDays: 10, prefix: 'P', leadDays: 0 },
  { type: 'passport_express', programme: 'passport', channel: 'in_person', perDay: 3, withinRate: 0.91, std: 9, lateDays: 4, prefix: 'X', leadDays: 0 },
  { type: 'sin_first', programme: 'sin', channel: 'online', perDay: 4, withinRate: 0.93, std: 5, lateDays: 5, prefix: 'S', leadDays: 0 },
  { type: 'citizenship_grant', programme: 'citizenship', channel: 'online', perDay: 3, withinRate: 0.55, std: 250, lateDays: 20, prefix: 'C', leadDays: 420 },
  { type: 'citizenship_proof', programme: 'citizenship', channel: 'online', perDay: 2, withinRate: 0.56, std: 100, lateDays: 40, prefix: 'K', leadDays: 200 },
  { type: 'work_permit', programme: 'immigration', channel: 'online', perDay: 4, withinRate: 0.58, std: 42, lateDays: 30, prefix: 'W', leadDays: 100 },
] as const;

/** Per type and channel: the stages an open file may be at, in order, and the stage that completes it. */
export const STAGE_PATHS = [
  { type: 'passport_regular', channel: 'in_person', open_stages: ['received', 'review', 'printing'], done_stage: 'ready_for_pickup' },
  { type: 'passport_regular', channel: 'mail', open_stages: ['received', 'review', 'printing'], done_stage: 'mailed' },
  { type: 'passport_express', channel: 'in_person', open_stages: ['received', 'review', 'printing'], done_stage: 'ready_for_pickup' },
  { type: 'sin_first', channel: 'online', open_stages: ['received', 'identity_check'], done_stage: 'issued' },
  { type: 'citizenship_grant', channel: 'online', open_stages: ['received', 'eligibility', 'biometrics', 'background_check'], done_stage: 'decision' },
  { type: 'citizenship_proof', channel: 'online', open_stages: ['received', 'eligibility', 'biometrics', 'background_check'], done_stage: 'decision' },
  { type: 'work_permit', channel: 'online', open_stages: ['received', 'eligibility', 'biometrics', 'background_check'], done_stage: 'decision' },
];

/** 1 April of the fiscal year `yearsBack` years before the one holding `day`. */
export function fiscalYearStart(day: string, yearsBack: number): string {
  const year = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start - yearsBack}-04-01`;
}
