import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './cli.js';
import type { CommandContext } from './commands/context.js';

function helpOf(command: string): string {
  let out = '';
  const ctx = { out: (t: string) => (out += t), err: (t: string) => (out += t) } as unknown as CommandContext;
  const program = buildProgram(ctx, '0.0.0', () => {});
  try {
    program.parse([command, '--help'], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError) || error.code !== 'commander.helpDisplayed') throw error;
  }
  return out;
}

describe('every subcommand --help', () => {
  const program = buildProgram({ out() {}, err() {} } as unknown as CommandContext, '0.0.0', () => {});
  const commands = program.commands.map((c) => c.name());

  it('covers the commands of design.md that exist so far', () => {
    expect(commands).toEqual(
      expect.arrayContaining([
        'publish',
        'info',
        'doctor',
        'inspect',
        'stores',
        'init',
        'sandbox',
        'schema',
        'completion',
      ]),
    );
  });

  it.each(commands)('%s has two or three examples of itself and its exit codes', (command) => {
    const help = helpOf(command);
    const examples = help.slice(help.indexOf('Examples:')).split('\n\n')[0]!.split('\n').slice(1);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.length).toBeLessThanOrEqual(3);
    for (const line of examples) expect(line).toMatch(new RegExp(`^  \\$ .*appstores ${command}\\b`));
    expect(help).toMatch(/\nExit codes: 0 ok|\nExit codes: \d+ [a-z]/);
  });

  it('publish lists every exit code of design.md that applies to it', () => {
    expect(helpOf('publish')).toContain(
      'Exit codes: 0 ok · 1 a store failed · 2 usage error · 3 config, credentials or input invalid (nothing sent) · 70 internal error · 130 interrupted',
    );
  });
});
