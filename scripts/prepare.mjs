#!/usr/bin/env node
/**
 * The `prepare` script: builds dist/ (tsc) and the bundle dist/cli/ (scripts/bundle.mjs, rolldown),
 * as `npm run build` does, on `npm ci` in a clone, on `npm pack`/`npm publish` and on an install
 * from git (npm installs the devDependencies first in those cases).
 *
 * `npm install <folder>` of a clone that never ran `npm ci` links the folder and runs this without
 * any dependencies: then there is nothing to build with, so it says what to do and lets the install
 * finish (bin/appstores.js prints the same advice instead of a stack trace). Packing without
 * TypeScript would make a package without dist/, so that is an error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');

if (!existsSync(tsc)) {
  const advice = `run \`npm ci\` in ${root} to install the dependencies and build appstores`;
  if (packing) {
    process.stderr.write(`appstores: cannot build dist/ (TypeScript is not installed); ${advice}\n`);
    process.exit(1);
  }
  process.stderr.write(`appstores: not built (no dependencies installed here); ${advice}\n`);
  process.exit(0);
}
for (const args of [[tsc, '-p', join(root, 'tsconfig.build.json')], [join(root, 'scripts', 'bundle.mjs')]]) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
