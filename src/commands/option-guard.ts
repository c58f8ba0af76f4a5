/**
 * One check for every option that takes a value: commander gives `--notes --dry-run` the value
 * "--dry-run", so the run would publish for real with "--dry-run" as the notes (issue 7 item 1).
 * A value that is one of the program's own flags, or looks like a long flag, is a usage error.
 */
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';

/** Flags handled outside commander (src/main.ts strips them) or built into it. */
const EXTRA_FLAGS = ['-h', '--help', '--color', '--no-color'];

/** Every flag spelling the program knows, on any command. */
export function knownFlags(program: Command): Set<string> {
  const flags = new Set(EXTRA_FLAGS);
  for (const command of [program, ...program.commands]) {
    for (const option of command.options) {
      if (option.long) flags.add(option.long);
      if (option.short) flags.add(option.short);
    }
  }
  return flags;
}

/** Throws a UsageError naming both options when an option's value is really a flag. */
export function refuseFlagLikeValues(program: Command, command: Command): void {
  const flags = knownFlags(program);
  for (const option of command.options) {
    if (!option.required && !option.optional) continue;
    const value: unknown = command.getOptionValue(option.attributeName());
    if (typeof value !== 'string') continue;
    const flag = value.split('=')[0]!;
    if (flags.has(flag) || /^--[A-Za-z]/.test(value)) {
      const name = option.long ?? option.short ?? option.flags;
      throw new UsageError(
        `${name} got "${value}" as its value, which is ${flags.has(flag) ? `the flag ${flag}` : 'a flag, not a value'}`,
        `give ${name} a value (${name} ${example(name)}), or drop it${name === '--notes' ? '; notes that start with "--" can go in a --notes-file' : ''}`,
      );
    }
  }
}

function example(name: string): string {
  const examples: Record<string, string> = {
    '--notes': '"Bug fixes"',
    '--notes-file': 'CHANGELOG.md',
    '--store': 'oppo,vivo',
    '--schedule': '<ISO-8601 time>',
    '--config': 'appstores.config.json',
    '--pkg': 'com.foo.bar',
  };
  return examples[name] ?? '<value>';
}
