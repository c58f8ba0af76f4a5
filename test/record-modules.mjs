/**
 * `node --import ./test/record-modules.mjs …`: appends the URL of every module the process loads
 * to the file named by APPSTORES_MODULE_LOG, one a line (used by test/lazy-adapters.test.ts to see
 * which adapters a command imports, and to count modules when measuring start-up).
 */
import { register } from 'node:module';

if (process.env.APPSTORES_MODULE_LOG) {
  register(
    `data:text/javascript,${encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      const log = ${JSON.stringify(process.env.APPSTORES_MODULE_LOG)};
      export async function load(url, context, next) {
        if (!url.startsWith('node:')) appendFileSync(log, url + '\\n');
        return next(url, context);
      }
    `)}`,
  );
}
