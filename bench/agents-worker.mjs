// Load generator for the visits benchmark, in its own thread so that it does not share the
// server's event loop: `agents` closed loops, each an agent at a counter who calls the next
// client and completes them at once (no think time: a stress test, not a day at the office).
// In `bare` mode each loop makes the same two requests to a constant route instead.
import { parentPort, workerData } from 'node:worker_threads';

const { base, bareUrl, agents, durationMs, token, siteId, counters } = workerData;
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const latencies = [];
let calls = 0;
let errors = 0;
let empty = 0;

async function bareLoop(deadline) {
  while (Date.now() < deadline) {
    const start = performance.now();
    const first = await fetch(bareUrl);
    await first.text();
    latencies.push(performance.now() - start);
    calls += 1;
    const second = await fetch(bareUrl);
    await second.text();
  }
}

async function agentLoop(counterId, deadline) {
  let key = 0;
  while (Date.now() < deadline) {
    const start = performance.now();
    const response = await fetch(`${base}/api/v1/sites/${siteId}/counters/${counterId}/call-next`, {
      method: 'POST', headers: { ...headers, 'idempotency-key': `${counterId}-${++key}` }, body: '{}',
    });
    const text = await response.text();
    latencies.push(performance.now() - start);
    if (response.status === 204) { empty += 1; continue; }
    if (response.status !== 200) { errors += 1; continue; }
    calls += 1;
    const visit = JSON.parse(text).visit;
    const done = await fetch(`${base}/api/v1/visits/${visit.id}/complete`, { method: 'POST', headers, body: '{"outcome":"served"}' });
    await done.text();
    if (done.status !== 200) errors += 1;
  }
}

const deadline = Date.now() + durationMs;
const started = performance.now();
await Promise.all(bareUrl ? Array.from({ length: agents }, () => bareLoop(deadline)) : counters.map((c) => agentLoop(c, deadline)));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
parentPort.postMessage({ rps: calls / seconds, calls, errors, empty, p50: p(0.5), p99: p(0.99) });
