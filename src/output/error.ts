import { ConfigError, type AppError } from '../core/errors.js';

/** An error as the user sees it: one line saying what is wrong, then how to fix it. */
export function renderError(error: AppError): string {
  const where = error.store ? `${error.store}: ` : '';
  const storeCode = error.storeCode !== undefined ? ` (store code ${error.storeCode})` : '';
  const lines = [`error: ${where}${error.message}${storeCode} [${error.code}]`];
  if (error instanceof ConfigError) for (const problem of error.problems) lines.push(`  ${problem}`);
  if (error.hint) lines.push(`hint: ${error.hint}`);
  return `${lines.join('\n')}\n`;
}
