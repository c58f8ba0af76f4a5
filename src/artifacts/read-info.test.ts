import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// readArtifactInfo must never hash: any call to the hashing pass fails the test.
vi.mock('./hash.js', () => ({
  hashFile: vi.fn(async () => {
    throw new Error('hashFile called');
  }),
}));

const { openArtifact, readArtifactInfo } = await import('./index.js');
const { hashFile } = await import('./hash.js');

const FIXTURES = join(import.meta.dirname, '../../fixtures');

describe('readArtifactInfo (status, release, rollout, withdraw)', () => {
  it.each(['apk/app-universal.apk', 'aab/app.aab', 'ipa/app.ipa'])(
    '%s: the same facts as a publish reads, without hashing the file',
    async (file) => {
      const path = join(FIXTURES, file);
      const info = await readArtifactInfo(path);
      expect(hashFile).not.toHaveBeenCalled();
      const opened = await openArtifact(path, { hash: async () => ({ size: 0, md5: 'x', sha256: 'y' }) });
      expect(info).toEqual(opened.info);
      expect(info).toMatchObject({ package: 'com.foo.bar', versionName: '6.10.0' });
      expect(info).not.toHaveProperty('md5');
    },
  );
});
