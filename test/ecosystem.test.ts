/** End to end: --progress ndjson, --quiet, `schema`, `completion` (run in a real bash). */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli, withSandbox, type SandboxSetup } from './helpers.js';

let setup: SandboxSetup;
beforeAll(async () => {
  // The three original stores: the expectations below name them.
  setup = await withSandbox(['xiaomi', 'oppo', 'vivo']);
});
afterAll(() => setup.close());

describe('publish progress', () => {
  it('--progress ndjson: only JSON events on stderr, the result JSON on stdout', async () => {
    const r = await setup.run([
      'publish',
      fixture('apk/app-universal.apk'),
      '--notes',
      'Bug fixes',
      '--json',
      '--progress',
      'ndjson',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
    const events = r.stderr
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.every((e) => e.v === 1 && typeof e.event === 'string' && !Number.isNaN(Date.parse(e.time)))).toBe(
      true,
    );
    expect(events[0]).toMatchObject({ event: 'start', stores: ['xiaomi', 'oppo', 'vivo'], dryRun: false });
    expect(events[0].artifacts[0]).toMatchObject({ kind: 'apk', package: 'com.foo.bar', versionCode: 6100000 });
    expect(events.at(-1)).toMatchObject({ event: 'done', ok: true, exitCode: 0 });
    for (const store of ['xiaomi', 'oppo', 'vivo']) {
      const mine = events.filter((e) => e.store === store);
      expect(mine[0]).toMatchObject({ event: 'phase', phase: 'verify' });
      expect(mine.some((e) => e.event === 'phase' && e.phase === 'upload')).toBe(true);
      expect(mine.filter((e) => e.event === 'bytes').at(-1)).toEqual(
        expect.objectContaining({ bytes: expect.any(Number) }),
      );
      const last = mine.filter((e) => e.event === 'bytes').at(-1);
      expect(last.bytes).toBe(last.total);
      // A store's last event is its result.
      expect(mine.at(-1)).toMatchObject({ event: 'result', status: 'submitted' });
    }
  });

  it('--progress ndjson ends with an error event when the run stops before any store', async () => {
    const r = await runCli([
      'publish',
      fixture('apk/app-universal.apk'),
      '--config',
      join(setup.dir, 'missing.json'),
      '--progress',
      'ndjson',
    ]);
    expect(r.code).toBe(3);
    const last = JSON.parse(r.stderr.trimEnd().split('\n').at(-1)!);
    expect(last).toMatchObject({ v: 1, event: 'error', code: 'CONFIG_NOT_FOUND', category: 'config' });
  });

  it('--quiet prints only the summary (and errors)', async () => {
    // Fresh emulators: the version published above is in review there now.
    const fresh = await withSandbox(['oppo', 'vivo']);
    const r = await fresh.run([
      'publish',
      fixture('apk/app-universal.apk'),
      '--notes',
      'Bug fixes',
      '--dry-run',
      '--quiet',
    ]);
    await fresh.close();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^○ oppo +planned/m);
    expect(r.stdout).toMatch(/Dry run: 2 planned; nothing was uploaded or submitted\.\n$/);
  });

  it('refuses --verbose with --progress ndjson, whose stream must stay JSON, exit 2', async () => {
    const logged = setup.sandbox.log.length;
    const r = await setup.run(['publish', fixture('apk/app-universal.apk'), '--progress', 'ndjson', '--verbose']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--verbose cannot be combined with --progress ndjson/);
    expect(setup.sandbox.log.length).toBe(logged);
  });

  it('refuses an unknown --progress mode, exit 2', async () => {
    const r = await setup.run(['publish', fixture('apk/app-universal.apk'), '--progress', 'fancy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--progress.*fancy.*auto, plain, ndjson, none/);
  });
});

describe('appstores schema', () => {
  it('prints the committed JSON Schema', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'schema', 'appstores.config.schema.json'), 'utf8'));
  });
});

describe('appstores completion', () => {
  const complete = (script: string, words: string[]) => {
    // What bash offers after `appstores <words>` (the last word is the one being completed).
    const program = `${script}\nCOMP_WORDS=(appstores ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _appstores; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', program], { encoding: 'utf8', cwd: setup.dir });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  };

  it('bash: completes commands, flags, store ids (also after a comma) and flag values', async () => {
    const script = (await runCli(['completion', 'bash'])).stdout;
    expect(complete(script, ['pub'])).toEqual(['publish']);
    expect(complete(script, [''])).toEqual(
      expect.arrayContaining(['publish', 'info', 'doctor', 'schema', 'completion', '--help']),
    );
    expect(complete(script, ['publish', '--prog'])).toEqual(['--progress']);
    expect(complete(script, ['publish', '--progress', 'n'])).toEqual(['ndjson', 'none']);
    expect(complete(script, ['publish', '--store', 'o'])).toEqual(['oppo']);
    expect(complete(script, ['info', '-s', 'oppo,v'])).toEqual(['oppo,vivo']);
    expect(complete(script, ['completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    writeFileSync(join(setup.dir, 'app-release.apk'), '');
    expect(complete(script, ['publish', 'app-'])).toEqual(['app-release.apk']);
  });

  it.each(['zsh', 'fish'])('%s: a script that the shell parses, with the commands and store ids', async (shell) => {
    const r = await runCli(['completion', shell]);
    expect(r.code).toBe(0);
    for (const word of [
      'publish',
      'info',
      'doctor',
      'schema',
      'completion',
      'progress',
      'xiaomi oppo vivo honor yyb huawei apple',
    ]) {
      expect(r.stdout).toContain(word);
    }
    const check = spawnSync(shell, shell === 'zsh' ? ['-n', '-c', r.stdout] : ['--no-execute', '-c', r.stdout], {
      encoding: 'utf8',
    });
    // The shell must be installed (it is on this project's machines): a missing one fails here, never passes silently.
    expect(check.error, `${shell} is needed to check its completion script`).toBeUndefined();
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('zsh: completes commands and store ids in a real zsh (driven through a pseudo-terminal)', async () => {
    expect(spawnSync('zsh', ['--version']).error, 'zsh is needed for this test').toBeUndefined();
    const script = join(setup.dir, '_appstores');
    writeFileSync(script, (await runCli(['completion', 'zsh'])).stdout);
    const driver = [
      'zmodload zsh/zpty',
      "zpty z 'zsh -f -i'",
      `zpty -w z "PROMPT='> '; autoload -Uz compinit; compinit -u; source ${script}; setopt nobeep; zstyle ':completion:*' menu no"`,
      'sleep 1',
      'zpty -w -n z "$1"$\'\\t\'',
      'sleep 1.5',
      "out=''",
      'while zpty -r -t z line; do out+=$line; done',
      'print -r -- "$out"',
      'zpty -d z',
    ].join('\n');
    const offered = (line: string) =>
      spawnSync('zsh', ['-f', '-c', driver, 'zsh', line], { encoding: 'utf8', timeout: 20_000 })
        .stdout.replace(/\x1b\[[0-9;?]*[A-Za-z]|\r/g, '')
        .split('\n')
        .filter((l) => l.includes(line.trim()) || /^\S+( +\S+)+/.test(l))
        .join('\n');
    expect(offered('appstores pub')).toContain('appstores publish ');
    // After "oppo," the other six ids, not oppo again.
    const stores = offered('appstores info --store oppo,');
    expect(stores).toMatch(/apple +honor +huawei +vivo +xiaomi +yyb/);
  });

  it('refuses an unknown shell, exit 2', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh, fish/);
  });
});
