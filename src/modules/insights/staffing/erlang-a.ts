/**
 * Erlang A (M/M/n+M, Palm; Garnett–Mandelbaum–Reiman): the stationary birth–death chain with
 * arrivals λ, service min(k, n)·μ and abandonment (k − n)⁺·θ, all in units of the handle time.
 *
 * The states 0…n sum, relative to state n, to 1/B(n, A) (Erlang B, computed stably by the caller).
 * The states above n are the ratios Π A / (n + i·r), r = θ/μ, summed until negligible and rescaled
 * when they grow (no overflow). The service level is exact: a caller arriving with j ahead is
 * answered with probability n / (n + (j+1)·r), and its wait, given it is answered, is a sum of
 * exponentials with rates n + i·r, i = 1…j+1, whose CDF at t is P(Beta(n/r + 1, j+1) ≥ e^{−r·t}),
 * i.e. 1 − P(NegBin(n/r + 1, e^{−r·t}) ≤ j): the negative-binomial terms accumulate in the same pass.
 */

/** Most chain states summed before the input is refused as absurd. */
export const MAX_CHAIN_STATES = 2_000_000;
const RESCALE_ABOVE = 1e200;
const RESCALE_LOG = Math.log(1e200);

export interface ErlangAChain {
  /** Offered load A = λ/μ, erlangs. */
  traffic: number;
  agents: number;
  /** Erlang B(n, A). */
  blocking: number;
  /** r = θ/μ = handle time / mean patience. */
  patienceRatio: number;
  /** Service-level target divided by the handle time. */
  targetInHandleTimes: number;
}
export interface ErlangAMeasures {
  probabilityOfWaiting: number;
  probabilityOfAbandoning: number;
  serviceLevel: number;
  /** Mean number waiting. */
  meanQueue: number;
}

/** States the chain needs above n: past the mode (A − n)/r, plus many standard deviations. */
export function chainStatesNeeded(traffic: number, agents: number, r: number): number {
  return Math.max(0, (traffic - agents) / r) + 50 * Math.sqrt(Math.max(traffic, agents) / r + 1) + 100;
}

/** The measures, or null when the chain is too long to sum (absurd patience against the load). */
export function erlangAMeasures(c: ErlangAChain): ErlangAMeasures | null {
  const { traffic: a, agents: n, patienceRatio: r } = c;
  if (a === 0 || c.blocking === 0) return { probabilityOfWaiting: 0, probabilityOfAbandoning: 0, serviceLevel: 1, meanQueue: 0 };
  if (chainStatesNeeded(a, n, r) > MAX_CHAIN_STATES) return null;
  const high = sumQueueStates(c);
  // States 0…n−1 relative to state n, in the same (rescaled) unit as the sums above n.
  const belowN = Math.exp(Math.log(1 / c.blocking - 1) - high.logScale);
  const total = belowN + high.weight;
  const meanQueue = high.queue / total;
  return {
    probabilityOfWaiting: high.weight / total,
    probabilityOfAbandoning: Math.min(1, (r * meanQueue) / a),
    serviceLevel: Math.min(1, (belowN + high.answeredInTime) / total),
    meanQueue,
  };
}

interface QueueSums {
  weight: number;
  queue: number;
  answeredInTime: number;
  logScale: number;
}

function sumQueueStates(c: ErlangAChain): QueueSums {
  const { traffic: a, agents: n, patienceRatio: r } = c;
  const mode = Math.max(0, (a - n) / r);
  const logOneMinusX = Math.log(-Math.expm1(-r * c.targetInHandleTimes));
  const alpha = n / r;
  let logNegBin = -(alpha + 1) * r * c.targetInHandleTimes; // log of x^(α+1), the j = 0 term
  let negBinCdf = 0;
  const sums: QueueSums = { weight: 0, queue: 0, answeredInTime: 0, logScale: 0 };
  let term = 1;
  for (let j = 0; j < MAX_CHAIN_STATES; j++) {
    negBinCdf = Math.min(1, negBinCdf + Math.exp(logNegBin));
    const answeredInTime = (n / (n + (j + 1) * r)) * (1 - negBinCdf);
    sums.weight += term;
    sums.queue += j * term;
    sums.answeredInTime += term * answeredInTime;
    if (j > mode && term < 1e-17 * sums.weight) break;
    term *= a / (n + (j + 1) * r);
    logNegBin += logOneMinusX + Math.log((alpha + j + 1) / (j + 1));
    if (term > RESCALE_ABOVE) {
      term /= RESCALE_ABOVE;
      rescale(sums);
    }
  }
  return sums;
}

function rescale(sums: QueueSums): void {
  sums.weight /= RESCALE_ABOVE;
  sums.queue /= RESCALE_ABOVE;
  sums.answeredInTime /= RESCALE_ABOVE;
  sums.logScale += RESCALE_LOG;
}
