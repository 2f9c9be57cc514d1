#!/usr/bin/env node
// `npm run build`: compiles src/ to JavaScript in dist/ (tsc, type-checked) and copies beside it
// the files the code reads at run time (stylesheets, browser scripts, message catalogues, the
// simulator's examples). dist/ mirrors src/, so paths to migrations/ and data/ hold in both.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

fs.rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const compiled = /\.(ts|tsx)$/;
let copied = 0;
fs.cpSync(src, dist, {
  recursive: true,
  filter: (from) => {
    if (fs.statSync(from).isDirectory()) return true;
    if (compiled.test(from)) return false;
    copied++;
    return true;
  },
});
console.log(`Built dist/ from src/ (${copied} other files copied). Start it with: npm run start:prod`);
