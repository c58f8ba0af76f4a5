#!/usr/bin/env node
// dist/cli/ is the bundle `npm run build` makes of src/ (tsc, then scripts/bundle.mjs; the `prepare`
// script runs it on `npm ci`, on `npm pack` and on an install from git). Without it, one line
// instead of a module-not-found trace.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// undici parses HTTP with llhttp compiled to WebAssembly; V8's optimising compile of that module
// alone raises peak RSS by ~35 MB (info --store oppo: 112 -> 77 MB on Node 20). The baseline
// compiler is plenty for parsing a few small responses. Set before undici is first imported.
setFlagsFromString('--liftoff-only');

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    `error: appstores is not built (${fileURLToPath(main)} is missing); run \`npm ci && npm run build\` in ${fileURLToPath(new URL('..', import.meta.url))}\n`,
  );
  process.exit(70);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
