/**
 * The 95 % Wilson score interval of a proportion. Hand-written (a dozen lines) because no
 * dependency of the project offers it; Wilson rather than the normal approximation because QA
 * samples are small and error rates near 0, where the normal interval leaves [0, 1] or collapses.
 */
export const Z_95 = 1.959963984540054;

export function wilsonInterval(successes: number, trials: number, z = Z_95): { low: number; high: number } | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
