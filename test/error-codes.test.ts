/** The README's error-code table and exit codes are the code's: ERROR_CODES in src/core/errors.ts. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, exitCodeOfCode, type ErrorCode } from '../src/core/errors.js';

function readmeTable(): Array<{ code: string; meaning: string; category: string; exit: number }> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Error codes'), readme.indexOf('## Safety in CI'));
  return section
    .split('\n')
    .filter((line) => /^\| `[A-Z_]+` \|/.test(line))
    .map((line) => {
      const [code, meaning, category, exit] = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      return { code: code!.replace(/`/g, ''), meaning: meaning!, category: category!, exit: Number(exit) };
    });
}

describe('README error codes', () => {
  it('lists exactly the codes of the union, each with its meaning, category and exit code', () => {
    const fromCode = Object.entries(ERROR_CODES).map(([code, info]) => ({
      code,
      meaning: info.meaning,
      category: info.category,
      exit: exitCodeOfCode(code as ErrorCode, info.category),
    }));
    expect(readmeTable()).toEqual(fromCode);
  });

  it('gives exit codes from the README exit-code table only', () => {
    const readme = readFileSync('README.md', 'utf8');
    const exitSection = readme.slice(readme.indexOf('## Exit codes'), readme.indexOf('## Error codes'));
    const documented = new Set([...exitSection.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1])));
    for (const row of readmeTable()) expect(documented).toContain(row.exit);
  });
});
