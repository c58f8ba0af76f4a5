/** `appstores inspect` on every fixture: the values Android's own tools (aapt, apksigner) report. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, withSandbox } from './helpers.js';

const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as {
  artifacts: Record<string, Record<string, unknown>>;
  broken: Record<string, string>;
};

describe('appstores inspect', () => {
  it.each(Object.keys(expected.artifacts))('%s --json matches the build tools', async (name) => {
    const r = await runCli(['inspect', fixture(name), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected.artifacts[name]);
  });

  it('prints a readable summary, Chinese label included', async () => {
    const r = await runCli(['inspect', fixture('apk/app-zh-label.apk')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/label\s+测试应用/);
    expect(r.stdout).toMatch(/abis\s+arm64-v8a, armeabi-v7a, x86_64/);
    expect(r.stdout).toMatch(/signer\s+SHA-256 63989f9c/);
  });

  it.each(Object.keys(expected.broken))('%s: one line saying what is wrong, a hint, exit 3', async (name) => {
    const r = await runCli(['inspect', fixture(name)]);
    expect(r.code).toBe(3);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(name.split('/').pop());
    expect(lines[0]).toContain(`[${expected.broken[name]}]`);
    expect(lines[1]).toMatch(/^hint: /);
    expect(r.stdout).toBe('');
  });

  it('the App Bundle fixture --json matches aapt2 dump xmltree / dump resources (fixtures/aab/expected.json)', async () => {
    const { _about: _, ...want } = JSON.parse(readFileSync(fixture('aab/expected.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const r = await runCli(['inspect', fixture('aab/app.aab'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(want);
  });

  it.each([
    ['broken/truncated.aab', 'CORRUPT_ZIP'],
    ['broken/not-a-bundle.aab', 'NOT_AN_APP'],
  ])('%s: one line and a hint, exit 3', async (name, code) => {
    const r = await runCli(['inspect', fixture(name)]);
    expect(r.code).toBe(3);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^error: .*${name.split('/').pop()!.replace('.', '\\.')}: .*\\[${code}\\]$`));
    expect(lines[1]).toMatch(/^hint: /);
  });

  it('says clearly that a file does not exist', async () => {
    const r = await runCli(['inspect', 'no/such/app.apk']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: no\/such\/app\.apk: .*\[FILE_NOT_FOUND\]\nhint: /);
  });

  it('refuses a corrupt APK in publish before contacting any store', async () => {
    const sb = await withSandbox(['oppo']);
    try {
      const r = await sb.run(['publish', fixture('broken/truncated.apk'), '--notes', 'Bug fixes']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/\[CORRUPT_ZIP\]/);
      expect(sb.sandbox.log).toEqual([]);
    } finally {
      await sb.close();
    }
  });
});
