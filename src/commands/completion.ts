/**
 * `appstores completion bash|zsh|fish`: a completion script generated from the commander program
 * itself (commands, flags, their values) and the store ids, so it cannot fall behind the CLI.
 */
import type { Argument, Command, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { STORE_IDS } from '../stores/types.js';
import type { CommandContext } from './context.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

type Value =
  | { kind: 'none' }
  | { kind: 'text' }
  | { kind: 'file' }
  | { kind: 'stores' }
  | { kind: 'choices'; choices: string[] };

interface FlagSpec {
  short?: string;
  long: string;
  description: string;
  value: Value;
}

interface CommandSpec {
  name: string;
  description: string;
  flags: FlagSpec[];
  /** What the positional arguments are. */
  args: Value;
}

/** Flags whose value is a path. */
const PATH_FLAGS = new Set(['--config', '--notes-file', '--notes-dir', '--output', '--write-config']);

function valueKind(option: Option): Value {
  if (!option.required && !option.optional) return { kind: 'none' };
  if (option.argChoices) return { kind: 'choices', choices: option.argChoices };
  if (option.long === '--store') return { kind: 'stores' };
  if (option.long && PATH_FLAGS.has(option.long)) return { kind: 'file' };
  return { kind: 'text' };
}

function argsOf(args: readonly Argument[]): Value {
  const first = args[0];
  if (!first) return { kind: 'none' };
  if (first.argChoices) return { kind: 'choices', choices: first.argChoices };
  return { kind: 'file' };
}

const HELP: FlagSpec = { short: '-h', long: '--help', description: 'show help', value: { kind: 'none' } };

export function completionSpec(program: Command): { commands: CommandSpec[]; global: FlagSpec[] } {
  const flags = (cmd: Command): FlagSpec[] => [
    ...cmd.options
      .filter((o) => o.long && !o.hidden)
      .map((o) => ({ short: o.short, long: o.long!, description: o.description, value: valueKind(o) })),
    HELP,
  ];
  return {
    commands: program.commands.map((cmd) => ({
      name: cmd.name(),
      description: cmd.description(),
      flags: flags(cmd),
      args: argsOf(cmd.registeredArguments),
    })),
    global: flags(program),
  };
}

/** A single-quoted shell word. */
const q = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(spec: ReturnType<typeof completionSpec>): string {
  const words = (list: string[]) => q(list.join(' '));
  const names = (f: FlagSpec) => [f.short, f.long].filter(Boolean).join('|');
  const valueCase = (f: FlagSpec) => {
    switch (f.value.kind) {
      case 'stores':
        // A comma-separated list: complete the part after the last comma.
        return `      ${names(f)}) local head=; [[ $cur == *,* ]] && head=\${cur%,*},; COMPREPLY=($(compgen -P "$head" -W ${words([...STORE_IDS])} -- "\${cur##*,}")); return ;;`;
      case 'file':
        return `      ${names(f)}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`;
      case 'choices':
        return `      ${names(f)}) COMPREPLY=($(compgen -W ${words(f.value.choices)} -- "$cur")); return ;;`;
      case 'text':
        return `      ${names(f)}) return ;;`;
      default:
        return null;
    }
  };
  const commandCase = (c: CommandSpec) => {
    const flagWords = c.flags.flatMap((f) => [f.short, f.long].filter((x): x is string => Boolean(x)));
    const args =
      c.args.kind === 'choices'
        ? `COMPREPLY=($(compgen -W ${words(c.args.choices)} -- "$cur"))`
        : c.args.kind === 'file'
          ? 'COMPREPLY=($(compgen -f -- "$cur"))'
          : 'COMPREPLY=()';
    return [
      `    ${c.name})`,
      '      case $prev in',
      ...c.flags.map(valueCase).filter((l): l is string => l !== null),
      '      esac',
      `      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W ${words(flagWords)} -- "$cur")); else ${args}; fi`,
      '      ;;',
    ].join('\n');
  };
  const top = [
    ...spec.commands.map((c) => c.name),
    ...spec.global.flatMap((f) => [f.short, f.long].filter((x): x is string => Boolean(x))),
  ];
  return `# appstores completion for bash. Load it now:  source <(appstores completion bash)
# or for good:  appstores completion bash > ~/.local/share/bash-completion/completions/appstores
_appstores() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd= i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in -*) ;; *) cmd=\${COMP_WORDS[i]}; break ;; esac
  done
  case $cmd in
    '') COMPREPLY=($(compgen -W ${words(top)} -- "$cur")) ;;
${spec.commands.map(commandCase).join('\n')}
  esac
}
complete -o default -F _appstores appstores
`;
}

function zsh(spec: ReturnType<typeof completionSpec>): string {
  const desc = (text: string) => text.replace(/([[\]\\:])/g, '\\$1');
  const action = (v: Value, label: string) => {
    switch (v.kind) {
      case 'stores':
        return `:${label}:_sequence compadd - ${STORE_IDS.join(' ')}`;
      case 'file':
        return `:${label}:_files`;
      case 'choices':
        return `:${label}:(${v.choices.join(' ')})`;
      case 'text':
        return `:${label}: `;
      default:
        return '';
    }
  };
  const flagSpec = (f: FlagSpec) => {
    const label = f.long.replace(/^--/, '');
    const body = `[${desc(f.description)}]${action(f.value, label)}`;
    return f.short ? `'(${f.short} ${f.long})'{${f.short},${f.long}}${q(body)}` : q(`${f.long}${body}`);
  };
  const argSpec = (c: CommandSpec) =>
    c.args.kind === 'none'
      ? []
      : [q(`${c.name === 'publish' ? '*' : '1'}${action(c.args, c.name === 'completion' ? 'shell' : 'file')}`)];
  const commandCase = (c: CommandSpec) =>
    `        ${c.name}) _arguments ${[...c.flags.map(flagSpec), ...argSpec(c)].join(' \\\n            ')} ;;`;
  return `#compdef appstores
# appstores completion for zsh. Load it now:  source <(appstores completion zsh)
# or for good:  appstores completion zsh > "\${fpath[1]}/_appstores"
_appstores() {
  local state line
  local -a commands
  commands=(
${spec.commands.map((c) => `    ${q(`${c.name}:${c.description.replace(/:/g, '\\:')}`)}`).join('\n')}
  )
  _arguments -C ${spec.global.map(flagSpec).join(' ')} '1: :->command' '*:: :->args'
  case $state in
    command) _describe -t commands 'appstores command' commands ;;
    args)
      case $line[1] in
${spec.commands.map(commandCase).join('\n')}
      esac
      ;;
  esac
}
if [[ $funcstack[1] == _appstores ]]; then _appstores "$@"; else compdef _appstores appstores; fi
`;
}

function fish(spec: ReturnType<typeof completionSpec>): string {
  const lines = [
    '# appstores completion for fish. Load it now:  appstores completion fish | source',
    '# or for good:  appstores completion fish > ~/.config/fish/completions/appstores.fish',
    'complete -c appstores -f',
  ];
  const flag = (condition: string, f: FlagSpec) => {
    const parts = ['complete -c appstores', `-n ${q(condition)}`];
    if (f.short) parts.push(`-s ${f.short.slice(1)}`);
    parts.push(`-l ${f.long.slice(2)}`);
    if (f.value.kind === 'stores') parts.push(`-x -a ${q(STORE_IDS.join(' '))}`);
    else if (f.value.kind === 'choices') parts.push(`-x -a ${q(f.value.choices.join(' '))}`);
    else if (f.value.kind === 'file') parts.push('-r -F');
    else if (f.value.kind === 'text') parts.push('-x');
    parts.push(`-d ${q(f.description)}`);
    return parts.join(' ');
  };
  for (const f of spec.global) lines.push(flag('__fish_use_subcommand', f));
  for (const c of spec.commands) {
    lines.push(`complete -c appstores -n __fish_use_subcommand -a ${c.name} -d ${q(c.description)}`);
    const condition = `__fish_seen_subcommand_from ${c.name}`;
    for (const f of c.flags) lines.push(flag(condition, f));
    if (c.args.kind === 'file') lines.push(`complete -c appstores -n ${q(condition)} -F`);
    if (c.args.kind === 'choices')
      lines.push(`complete -c appstores -n ${q(condition)} -a ${q(c.args.choices.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, program: Command): string {
  const spec = completionSpec(program);
  return shell === 'bash' ? bash(spec) : shell === 'zsh' ? zsh(spec) : fish(spec);
}

export async function completionCommand(ctx: CommandContext, shell: string, program: Command): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(`no completion for ${shell}`, `choose one of ${SHELLS.join(', ')}`);
  }
  ctx.out(completionScript(shell as Shell, program));
  return 0;
}
