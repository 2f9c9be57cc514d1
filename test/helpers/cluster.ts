/**
 * A PostgreSQL cluster of a test's own (scripts/postgres-cluster.sh), for tests that must stop
 * and start the server — never the shared cluster other test files are using.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './process.js';

const SCRIPT = path.join(ROOT, 'scripts/postgres-cluster.sh');
// Ports tried for a test's own cluster, away from the shared one's (55000–59999 is test-all's draw).
const PORTS = { first: 56100, count: 100 };

export interface Cluster {
  url: string;
  pause(): void;
  resume(): void;
  stop(): void;
}

export const postgresInstalled = () => fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

function run(args: string[]): string {
  const result = spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`postgres-cluster.sh ${args[0]} failed: ${result.stderr}`);
  return result.stdout.trim();
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

export async function startCluster(): Promise<Cluster> {
  const offset = Math.floor(Math.random() * PORTS.count);
  let failures = 0;
  for (let i = 0; i < PORTS.count; i++) {
    const port = PORTS.first + ((offset + i) % PORTS.count);
    if (!(await portIsFree(port))) continue;
    // A short path: the unix socket's name must fit in 107 bytes.
    const dir = fs.mkdtempSync('/tmp/guichet-pg-');
    try {
      const url = run(['start', dir, String(port)]);
      return { url, pause: () => run(['pause', dir]), resume: () => run(['resume', dir]), stop: () => run(['stop', dir]) };
    } catch (error) {
      spawnSync('bash', [SCRIPT, 'stop', dir]);
      if (++failures === 3) throw error; // a port taken between the check and the start: try another
    }
  }
  throw new Error(`no free port for a PostgreSQL cluster in ${PORTS.first}–${PORTS.first + PORTS.count - 1}`);
}
