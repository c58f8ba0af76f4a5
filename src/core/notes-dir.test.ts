import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../stores/registry.js';
import type { Release, StoreAdapter, StoreId } from '../stores/types.js';
import { applyNotesDir, canonicalLocale, checkStoreNotes, notesFor, notesForStore, readNotesDir } from './notes-dir.js';

function layout(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'notes-dir-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const store = (id: 'apple' | 'oppo', perLanguage: boolean, max: number) =>
  ({
    id,
    title: id,
    capabilities: { notesPerLanguage: perLanguage },
    notesLength: { min: 1, max },
  }) as unknown as StoreAdapter;

describe('--notes-dir', () => {
  it('picks <versionCode>.<store>.txt, <store>.txt, <versionCode>.txt, default.txt in that order', async () => {
    const dir = await readNotesDir(
      layout({
        'zh-CN/changelogs/default.txt': '修复问题\r\n',
        'zh-CN/changelogs/oppo.txt': 'OPPO 专用',
        'en-US/changelogs/6100000.txt': 'Fixes',
        'en-US/changelogs/6100000.apple.txt': 'Fixes for iOS',
        'ja/changelogs/default.txt': '修正',
        'de-DE/images/icon.png': 'not notes',
      }),
    );
    expect([...dir.keys()]).toEqual(['en-US', 'ja', 'zh-CN']);
    expect(notesFor(dir, 'zh-CN', 'vivo', 6100000)).toBe('修复问题');
    expect(notesFor(dir, 'zh-CN', 'oppo', 6100000)).toBe('OPPO 专用');
    expect(notesFor(dir, 'en-US', 'apple', 6100000)).toBe('Fixes for iOS');
    expect(notesFor(dir, 'en-US', 'huawei', 6100000)).toBe('Fixes');
    expect(notesFor(dir, 'en-US', 'huawei', 7)).toBeNull();
    // Apple's zh-Hans is the directory's zh-CN.
    expect(notesFor(dir, 'zh-Hans', 'apple', 1)).toBe('修复问题');
    expect(canonicalLocale('en_US')).toBe('en-US');
    expect(notesForStore(dir, store('oppo', false, 100), 6100000, 'zh-CN')).toEqual({ notes: 'OPPO 专用' });
    expect(notesForStore(dir, store('apple', true, 100), 6100000, 'zh-CN')).toEqual({
      notes: '修复问题',
      notesByLocale: { 'en-US': 'Fixes for iOS', ja: '修正', 'zh-CN': '修复问题' },
    });
  });

  it('checks every store per locale and reports every problem at once', async () => {
    const dir = await readNotesDir(
      layout({ 'zh-CN/changelogs/default.txt': 'x'.repeat(20), 'en-US/changelogs/default.txt': 'y'.repeat(30) }),
    );
    const apple = store('apple', true, 25);
    const oppo = store('oppo', false, 10);
    const problem = checkStoreNotes([
      { adapter: apple, notes: notesForStore(dir, apple, 1, 'zh-CN') },
      { adapter: oppo, notes: notesForStore(dir, oppo, 1, 'zh-CN') },
    ]);
    expect(problem?.code).toBe('NOTES_INVALID');
    expect(problem?.message).toMatch(
      /^2 release-notes problems: apple en-US: .*30 characters.*; oppo default locale: .*20/,
    );
  });

  it('refuses a control character or bad UTF-8 with the file named, and an empty directory', async () => {
    await expect(
      readNotesDir(
        layout({ 'zh-CN/changelogs/default.txt': 'a\u0007b', 'en-US/changelogs/1.txt': Buffer.from([0xff]) as never }),
      ),
    ).rejects.toThrow(/2 release-notes problems: .*en-US.*1\.txt is not valid UTF-8; .*U\+0007/);
    await expect(readNotesDir(layout({ 'zh-CN/other.txt': 'x' }))).rejects.toThrow(/has no <locale>\/changelogs/);
  });

  it("checks the real stores' length and character rules per locale, every problem in one error, nothing applied", async () => {
    const dir = await readNotesDir(
      layout({
        'zh-CN/changelogs/default.txt': '修复问题 🎉',
        'en-US/changelogs/default.txt': 'x'.repeat(501),
        'en-US/changelogs/apple.txt': 'Bug fixes',
        'ja/changelogs/honor.txt': '',
        'ja/changelogs/default.txt': 'バグ修正',
      }),
    );
    const ids: StoreId[] = ['apple', 'huawei', 'honor', 'yyb', 'xiaomi'];
    const adapters = (await Promise.all(ids.map(loadAdapter))) as StoreAdapter[];
    const releases = new Map(ids.map((id) => [id, { versionCode: 1, notes: 'unchanged' } as Release]));
    let error: Error | null = null;
    try {
      applyNotesDir(dir, releases, adapters, 'zh-CN');
    } catch (e) {
      error = e as Error;
    }
    expect(error).toMatchObject({ code: 'NOTES_INVALID', hint: expect.stringContaining('nothing was sent') });
    const problems = error!.message
      .replace(/^\d+ release-notes problems: /, '')
      .split(/; (?=(?:apple|huawei|honor|yyb|xiaomi) )/);
    expect(problems).toEqual([
      expect.stringMatching(/^huawei en-US: .*501 characters.*1–500/),
      expect.stringMatching(/^honor en-US: .*501 characters/),
      expect.stringMatching(/^honor ja: .*0 characters/),
      expect.stringMatching(/^yyb default locale: release notes contain emoji/),
    ]);
    expect(error!.message).toMatch(/^4 release-notes problems/);
    // Apple's own en-US override fits; the emoji is fine for the others; nothing was set anywhere.
    expect([...releases.values()].map((r) => r.notes)).toEqual(ids.map(() => 'unchanged'));
    expect([...releases.values()].some((r) => r.notesByLocale)).toBe(false);
  });
});
