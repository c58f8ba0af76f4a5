import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishArgs } from './github-action.js';
import { annotation, maskCommands, writeOutput } from './github.js';

describe('workflow commands', () => {
  it('keeps a message with newlines, % and a title with : and , as one command', () => {
    expect(annotation('error', 'oppo: a,b', 'line one\nline two 100%')).toBe(
      '::error title=oppo%3A a%2Cb::line one%0Aline two 100%25\n',
    );
  });

  it('masks a multi-line key whole and line by line', () => {
    // The sandbox-only App Store Connect key (fixtures/apple/): a real multi-line PEM, no secret.
    const pem = readFileSync(join(import.meta.dirname, '../../fixtures/apple/AuthKey_TESTKEY123.p8'), 'utf8').trim();
    const body = pem.split('\n').filter((line) => !line.startsWith('-----'));
    expect(body.length).toBeGreaterThan(1);
    const lines = maskCommands(pem).trimEnd().split('\n');
    expect(lines[0]).toBe(`::add-mask::${pem.replace(/\n/g, '%0A')}`);
    for (const line of body) expect(lines).toContain(`::add-mask::${line}`);
  });

  it('writes an output with a delimiter the value cannot forge', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'appstores-out-')), 'output');
    writeOutput(file, 'results', 'EOF\n{"ok":true}');
    const text = readFileSync(file, 'utf8');
    const [, delimiter] = /^results<<(\S+)\n/.exec(text)!;
    expect(delimiter).toMatch(/^ghadelimiter_[0-9a-f-]{36}$/);
    expect(text).toBe(`results<<${delimiter}\nEOF\n{"ok":true}\n${delimiter}\n`);
  });
});

describe('the Action inputs as publish arguments', () => {
  it('maps every input to its flag, values attached with = so notes may start with "-"', () => {
    const env = {
      INPUT_FILES: 'app-v7a.apk app-arm64.apk\noppo=app-oppo.apk\n',
      INPUT_STORES: 'oppo,vivo',
      INPUT_NOTES: '- Fixed a crash',
      INPUT_NOTES_FILE: 'CHANGELOG.md',
      INPUT_NOTES_DIR: 'fastlane/metadata/android',
      INPUT_SCHEDULE: '2026-12-01T10:00:00+08:00',
      INPUT_DRY_RUN: 'true',
      INPUT_CONFIG: 'ci.json',
      INPUT_KEEP_GOING: 'TRUE',
    };
    expect(publishArgs(env)).toEqual([
      'publish',
      '--json',
      '--store=oppo,vivo',
      '--notes=- Fixed a crash',
      '--notes-file=CHANGELOG.md',
      '--notes-dir=fastlane/metadata/android',
      '--schedule=2026-12-01T10:00:00+08:00',
      '--config=ci.json',
      '--dry-run',
      '--keep-going',
      '--',
      'app-v7a.apk',
      'app-arm64.apk',
      'oppo=app-oppo.apk',
    ]);
  });

  it('leaves out empty inputs and refuses no files', () => {
    expect(publishArgs({ INPUT_FILES: 'a.apk', INPUT_DRY_RUN: 'false', INPUT_STORES: '' })).toEqual([
      'publish',
      '--json',
      '--',
      'a.apk',
    ]);
    expect(() => publishArgs({ INPUT_FILES: '  ' })).toThrow(/input files is empty/);
  });
});
