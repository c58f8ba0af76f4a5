/**
 * Whether output is coloured, decided once in src/main.ts. In order: the last of --color /
 * --no-color, then NO_COLOR (set and not empty: no colour, https://no-color.org), then FORCE_COLOR
 * ("0"/"false": off, anything else: on), then whether stdout is a terminal (and TERM is not "dumb").
 */
export interface ColorChoice {
  color: boolean;
  /** argv without --color / --no-color, which commander does not know. */
  argv: string[];
}

export function chooseColor(argv: string[], env: NodeJS.ProcessEnv, isTTY: boolean): ColorChoice {
  let flag: boolean | undefined;
  const rest: string[] = [];
  let afterDashes = false;
  for (const arg of argv) {
    if (!afterDashes && (arg === '--color' || arg === '--no-color')) {
      flag = arg === '--color';
      continue;
    }
    if (arg === '--') afterDashes = true;
    rest.push(arg);
  }
  const force = env.FORCE_COLOR;
  const color =
    flag ??
    (env.NO_COLOR !== undefined && env.NO_COLOR !== ''
      ? false
      : force !== undefined
        ? !['0', 'false'].includes(force.toLowerCase())
        : isTTY && env.TERM !== 'dumb');
  return { color, argv: rest };
}
