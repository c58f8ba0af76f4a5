#!/usr/bin/env node
/**
 * The second half of `npm run build`: bundles tsc's dist/ (from dist/main.js) into dist/cli/, what
 * bin/appstores.js runs. Each dynamic import stays its own chunk (every adapter, every command
 * module, the AAB and IPA readers, chalk, commander), so a command still loads only what it runs,
 * in a few files instead of ~150 modules (issue 12: start-up; zod alone was 95, 57 of them locales
 * nobody uses: zod registers English on its first schema, so the bundle keeps only `en`).
 *
 * Left outside the bundle: cosmiconfig (loaded only for a non-JSON config; bundling it would pull in
 * TypeScript for its .ts loader) and undici (loaded through createRequire, file by file: see
 * src/http/undici.ts). Both resolve from node_modules as before. tsc's dist/ stays: the in-process
 * tests, scripts and the GitHub Action entry use it.
 *
 * The chunks keep rolldown's `//#region <module path>` comments: test/lazy-adapters.test.ts reads
 * them to tell which source modules a run loaded.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rolldown } from 'rolldown';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist', 'cli');
rmSync(out, { recursive: true, force: true });
const bundle = await rolldown({
  cwd: root,
  input: { main: join(root, 'dist', 'main.js') },
  platform: 'node',
  external: [/^cosmiconfig(\/|$)/, /^undici(\/|$)/],
});
await bundle.write({ dir: out, format: 'esm', chunkFileNames: '[name]-[hash].js' });
await bundle.close();
