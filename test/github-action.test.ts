/**
 * The GitHub Action's entry point (dist/ci/github-action.js, what action.yml runs) with a fake
 * GITHUB_* environment against the sandbox: outputs file, job summary, annotations and masks.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUTS } from '../src/ci/github-action.js';
import { fixture, ROOT, withSandbox, type SandboxSetup } from './helpers.js';

const ENTRY = join(ROOT, 'dist', 'ci', 'github-action.js');

interface ActionRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

function runAction(inputs: Record<string, string>, env: Record<string, string>, cwd: string): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'appstores-gha-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/-/g, '_').toUpperCase()}`, v]),
  );
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ENTRY], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: cwd,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        ...inputEnv,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.resume();
    child.on('error', fail);
    child.on('close', (code) => {
      const outputs: Record<string, string> = {};
      const text = readFileSync(outputFile, 'utf8');
      for (const m of text.matchAll(/^(\w+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2\n/gm)) outputs[m[1]!] = m[3]!;
      done({ code, stdout, outputs, summary: readFileSync(summaryFile, 'utf8') });
    });
  });
}

let setup: SandboxSetup;
beforeAll(async () => {
  // The three original stores: the expectations below name them.
  setup = await withSandbox(['xiaomi', 'oppo', 'vivo']);
});
afterAll(() => setup.close());

describe('the GitHub Action', () => {
  it('publishes, masks every secret first, and writes the outputs and the job summary', async () => {
    const run = await runAction(
      { files: fixture('apk/app-universal.apk'), config: setup.configPath, notes: '- Bug fixes' },
      setup.env,
      setup.dir,
    );
    expect(run.code).toBe(0);
    const config = JSON.parse(readFileSync(setup.configPath, 'utf8')).stores;
    const secrets = [
      config.oppo.clientSecret,
      config.vivo.accessKey,
      config.vivo.accessSecret,
      config.xiaomi.privateKey,
    ];
    const lines = run.stdout.split('\n');
    for (const secret of secrets) {
      const mask = lines.indexOf(`::add-mask::${secret}`);
      expect(mask, secret).toBeGreaterThanOrEqual(0);
      // Masked before anything else is printed, and never printed anywhere else.
      expect(lines.slice(0, mask).every((l) => l.startsWith('::add-mask::'))).toBe(true);
      expect(run.stdout.split(secret).length - 1).toBe(1);
    }
    expect(run.outputs.ok).toBe('true');
    const results = JSON.parse(run.outputs.results!);
    expect(results.results.map((r: { store: string; status: string }) => `${r.store} ${r.status}`)).toEqual([
      'xiaomi submitted',
      'oppo submitted',
      'vivo submitted',
    ]);
    expect(run.summary).toContain('| store | status | version | reference | message | duration |');
    expect(run.summary).toMatch(
      /^\| oppo \| submitted \| 6\.10\.0 \(6100000\) \| .* \| OPPO accepted versionCode 6100000.* \| [\d.]+ m?s \|$/m,
    );
    expect(run.stdout).not.toContain('::error');
    // The notes reached the store although they start with "-".
    expect(JSON.stringify(setup.sandbox.log.filter((e) => e.store === 'oppo'))).toContain('Bug fixes');
  });

  it('works from APPSTORES_* variables alone and annotates each failed store', async () => {
    // Fresh emulators: the first test's release is already in review there.
    const fresh = await withSandbox(['oppo', 'vivo']);
    const config = fresh.sandbox.config().stores;
    const env = {
      ...fresh.env,
      APPSTORES_OPPO_CLIENT_ID: String(config.oppo!.clientId),
      APPSTORES_OPPO_CLIENT_SECRET: 'wrong-secret-from-the-workflow',
      APPSTORES_OPPO_BASE_URL: String(config.oppo!.baseUrl),
      APPSTORES_VIVO_ACCESS_KEY: String(config.vivo!.accessKey),
      APPSTORES_VIVO_ACCESS_SECRET: String(config.vivo!.accessSecret),
      APPSTORES_VIVO_BASE_URL: String(config.vivo!.baseUrl),
    };
    const empty = mkdtempSync(join(tmpdir(), 'appstores-gha-ws-'));
    const run = await runAction(
      {
        files: fixture('apk/app-armeabi-v7a.apk'),
        'dry-run': 'true',
        stores: 'oppo,vivo',
        notes: 'Bug fixes and improvements',
      },
      env,
      empty,
    );
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n')[0]).toBe('::add-mask::wrong-secret-from-the-workflow');
    expect(run.stdout).toMatch(/^::error title=oppo::[A-Z_]+: .+$/m);
    expect(run.stdout).not.toMatch(/^::error title=vivo::/m);
    expect(run.outputs.ok).toBe('false');
    const results = JSON.parse(run.outputs.results!);
    expect(results.dryRun).toBe(true);
    expect(results.results.find((r: { store: string }) => r.store === 'vivo').status).toBe('planned');
    expect(run.summary).toMatch(/^\| oppo \| failed \|/m);
    expect(run.summary).toMatch(/^\| vivo \| planned \|/m);
    await fresh.close();
  });

  it('says what is wrong when the run stops before any store, and with a bad input', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'appstores-gha-ws-'));
    const run = await runAction(
      { files: fixture('apk/app-universal.apk'), config: join(empty, 'missing.json') },
      setup.env,
      empty,
    );
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(
      /^::error title=appstores::CONFIG_NOT_FOUND: config file .*missing\.json does not exist/m,
    );
    expect(run.outputs.ok).toBe('false');
    expect(JSON.parse(run.outputs.results!).error.code).toBe('CONFIG_NOT_FOUND');
    expect(run.summary).toContain('CONFIG_NOT_FOUND');

    const bad = await runAction({ files: 'app.apk', 'dry-run': 'yes' }, setup.env, empty);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('::error title=appstores::input dry-run must be true or false, not "yes"\n');
  });

  it('action.yml declares the inputs the entry point reads, the two outputs, and no Docker', () => {
    const action = jsyaml.load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as any;
    expect(Object.keys(action.inputs)).toEqual([...INPUTS]);
    expect(Object.keys(action.outputs)).toEqual(['ok', 'results']);
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find((s: { id?: string }) => s.id === 'publish');
    for (const name of INPUTS)
      expect(step.env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`]).toBe(`\${{ inputs.${name} }}`);
    expect(step.run).toContain('dist/ci/github-action.js');
    expect(JSON.stringify(action)).not.toMatch(/docker/i);
  });
});
