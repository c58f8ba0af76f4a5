import { describe, expect, it } from 'vitest';
import type { ApkInfo } from '../artifacts/types.js';
import { badCredentials, fakeAdapter, rejected } from '../testing/fake-adapter.js';
import type { Release, StoreId } from '../stores/types.js';
import { publishAll, publishExitCode, type OrchestratorOptions } from './publish.js';

const apk: ApkInfo = {
  kind: 'apk',
  path: '/tmp/app.apk',
  package: 'com.foo.bar',
  versionCode: 7,
  versionName: '1.0',
  label: 'Foo',
  minSdk: 21,
  targetSdk: 34,
  abis: [],
  signer: null,
  size: 1,
  md5: 'a',
  sha256: 'b',
};
const release: Release = { package: 'com.foo.bar', versionCode: 7, versionName: '1.0', apks: [apk], notes: 'notes' };
const options = (over: Partial<OrchestratorOptions> = {}): OrchestratorOptions => ({
  dryRun: false,
  keepGoing: false,
  signal: new AbortController().signal,
  now: Date.now,
  onProgress: () => {},
  ...over,
});
const target = (id: StoreId, script: Parameters<typeof fakeAdapter>[1], calls: string[]) => {
  const adapter = fakeAdapter(id, script, calls);
  return { adapter, session: adapter.connect({} as never), release };
};

describe('publishAll', () => {
  it('notes --manual-release as ignored in the plan of a store without manual release', async () => {
    const oppo = target('oppo', {}, []);
    const holds = target('vivo', {}, []);
    holds.adapter.capabilities.manualRelease = true;
    const report = await publishAll(
      [apk],
      [
        { ...oppo, release: { ...release, manualRelease: true } },
        { ...holds, release: { ...release, manualRelease: true } },
      ],
      options({ dryRun: true }),
    );
    expect(report.results[0]!.message).toMatch(
      /would submit 7 \(--manual-release ignored: .* has no manual release\)$/,
    );
    expect(report.results[1]!.message).toBe('would submit 7');
  });

  it('verifies and plans every store before publishing any', async () => {
    const calls: string[] = [];
    const report = await publishAll([apk], [target('oppo', {}, calls), target('vivo', {}, calls)], options());
    expect(report.ok).toBe(true);
    expect(calls.indexOf('oppo:publish')).toBeGreaterThan(calls.indexOf('vivo:plan'));
    expect(calls.indexOf('vivo:publish')).toBeGreaterThan(calls.indexOf('oppo:plan'));
    expect(report.results.map((r) => [r.store, r.status, r.reference])).toEqual([
      ['oppo', 'submitted', 'oppo-1'],
      ['vivo', 'submitted', 'vivo-1'],
    ]);
    expect(report.artifacts[0]).not.toHaveProperty('path');
    expect(publishExitCode(report, false)).toBe(0);
  });

  it('collects every failed check and uploads nothing anywhere', async () => {
    const calls: string[] = [];
    const report = await publishAll(
      [apk],
      [
        target('oppo', { verify: async () => Promise.reject(badCredentials('oppo')) }, calls),
        target('vivo', { plan: async () => Promise.reject(rejected('vivo', 'versionCode 7 is not above 9')) }, calls),
        target('xiaomi', {}, calls),
      ],
      options(),
    );
    expect(calls.filter((c) => c.endsWith(':publish'))).toEqual([]);
    expect(report.results.map((r) => [r.store, r.status, r.code])).toEqual([
      ['oppo', 'failed', 'AUTH_FAILED'],
      ['vivo', 'failed', 'VERSION_NOT_HIGHER'],
      ['xiaomi', 'cancelled', null],
    ]);
    expect(report.results[1]!.storeCode).toBe(15003);
    expect(report.results[2]!.message).toBe(
      'not started: oppo, vivo failed their checks, so nothing was uploaded anywhere',
    );
    expect(publishExitCode(report, false)).toBe(1);
  });

  it('exits 3 when only credentials or config failed the checks', async () => {
    const report = await publishAll(
      [apk],
      [target('oppo', { verify: async () => Promise.reject(badCredentials('oppo')) }, []), target('vivo', {}, [])],
      options(),
    );
    expect(publishExitCode(report, false)).toBe(3);
  });

  it('names only the stores that failed the checks, not the ones cancelled before', async () => {
    const report = await publishAll(
      [apk],
      [
        target('xiaomi', { verify: async () => Promise.reject(badCredentials('xiaomi')) }, []),
        target('oppo', {}, []),
        target('vivo', {}, []),
      ],
      options(),
    );
    expect(report.results.slice(1).map((r) => r.message)).toEqual([
      'not started: xiaomi failed its checks, so nothing was uploaded anywhere',
      'not started: xiaomi failed its checks, so nothing was uploaded anywhere',
    ]);
  });

  it('with keepGoing, publishes to the stores that passed the checks', async () => {
    const calls: string[] = [];
    const report = await publishAll(
      [apk],
      [
        target('oppo', { verify: async () => Promise.reject(badCredentials('oppo')) }, calls),
        target('vivo', {}, calls),
      ],
      options({ keepGoing: true }),
    );
    expect(calls).toContain('vivo:publish');
    expect(report.results.map((r) => r.status)).toEqual(['failed', 'submitted']);
  });

  it('shows every passing store as planned in a dry run, even when another failed its checks', async () => {
    const calls: string[] = [];
    const report = await publishAll(
      [apk],
      [
        target('oppo', { verify: async () => Promise.reject(badCredentials('oppo')) }, calls),
        target('vivo', {}, calls),
      ],
      options({ dryRun: true }),
    );
    expect(report.results.map((r) => r.status)).toEqual(['failed', 'planned']);
    expect(calls.filter((c) => c.endsWith(':publish'))).toEqual([]);
    expect(publishExitCode(report, false)).toBe(3);
  });

  it('never calls publish in a dry run', async () => {
    const calls: string[] = [];
    const report = await publishAll([apk], [target('oppo', {}, calls)], options({ dryRun: true }));
    expect(calls).toEqual(['oppo:verify', 'oppo:plan']);
    expect(report.results[0]).toMatchObject({ status: 'planned', message: 'would submit 7' });
    expect(report.dryRun).toBe(true);
    expect(publishExitCode(report, false)).toBe(0);
  });

  it('skips a store that already has the version, and counts that as success', async () => {
    const calls: string[] = [];
    const report = await publishAll(
      [apk],
      [target('oppo', { plan: async () => ({ action: 'skip', summary: '7 is already in review' }) }, calls)],
      options(),
    );
    expect(calls).not.toContain('oppo:publish');
    expect(report.results[0]!.status).toBe('skipped');
    expect(publishExitCode(report, false)).toBe(0);
  });

  it("does not let one store's failure stop the others, and runs them in parallel", async () => {
    const spans: Array<[number, number]> = [];
    const slow = async () => {
      const start = Date.now();
      await new Promise((r) => setTimeout(r, 100));
      spans.push([start, Date.now()]);
      return { status: 'submitted' as const, message: 'ok', reference: null };
    };
    const report = await publishAll(
      [apk],
      [
        target('oppo', { publish: slow }, []),
        target('vivo', { publish: async () => Promise.reject(rejected('vivo', 'signature differs')) }, []),
        target('xiaomi', { publish: slow }, []),
      ],
      options(),
    );
    // Both slow publishes were under way at the same time (each started before the other ended).
    const [a, b] = spans as [[number, number], [number, number]];
    expect(a[0]).toBeLessThan(b[1]);
    expect(b[0]).toBeLessThan(a[1]);
    expect(report.results.map((r) => r.status)).toEqual(['submitted', 'failed', 'submitted']);
    expect(report.ok).toBe(false);
    expect(publishExitCode(report, false)).toBe(1);
  });

  it('turns an unexpected exception into an internal failure of that store only', async () => {
    const report = await publishAll(
      [apk],
      [target('oppo', { publish: async () => Promise.reject(new TypeError('boom')) }, []), target('vivo', {}, [])],
      options(),
    );
    expect(report.results.map((r) => [r.status, r.category])).toEqual([
      ['failed', 'internal'],
      ['submitted', null],
    ]);
  });

  it('exits 1, not 3, when credentials fail after another store already uploaded', async () => {
    const report = await publishAll(
      [apk],
      [target('oppo', { publish: async () => Promise.reject(badCredentials('oppo')) }, []), target('vivo', {}, [])],
      options(),
    );
    expect(report.stoppedAtChecks).toBe(false);
    expect(publishExitCode(report, false)).toBe(1);
  });

  it("keeps a store's multi-line success text on one line", async () => {
    const report = await publishAll(
      [apk],
      [
        target(
          'oppo',
          { publish: async () => ({ status: 'submitted', message: 'accepted\n  (store: 提交成功)', reference: null }) },
          [],
        ),
      ],
      options(),
    );
    expect(report.results[0]!.message).toBe('accepted (store: 提交成功)');
  });

  it('exits 130 when interrupted', async () => {
    const report = await publishAll([apk], [target('oppo', {}, [])], options());
    expect(publishExitCode(report, true)).toBe(130);
  });
});
