/** What every command gets from src/main.ts: the process's streams, environment and signal. */

export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr is an interactive terminal and CI is not set: live progress is allowed. */
  live: boolean;
  /** Width of the terminal stderr writes to (80 when unknown). */
  columns: number;
  signal: AbortSignal;
}

export interface GlobalOptions {
  config?: string;
  verbose?: boolean;
  json?: boolean;
}
