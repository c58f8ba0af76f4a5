/**
 * status and withdraw end to end: the built CLI against the emulators, whose reviewer is driven
 * through POST /_sandbox/review. Watches run at APPSTORES_TIME_SCALE=0.0001 (Honor's 3 h is ~1 s).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/sandbox/types.js';
import { fixture, type SandboxSetup, withSandbox } from './helpers.js';

let sb: SandboxSetup | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const apk = fixture('apk/app-universal.apk');
const ipa = fixture('ipa/app.ipa');
const notes = 'Bug fixes and stability improvements';
const ALL = ['xiaomi', 'oppo', 'vivo', 'honor', 'yyb', 'huawei', 'apple'];
const FAST = { APPSTORES_TIME_SCALE: '0.0001' };

async function review(setup: SandboxSetup, store: string, to: string, reason?: string): Promise<void> {
  const answer = await fetch(`${setup.sandbox.url}/_sandbox/review`, {
    method: 'POST',
    body: JSON.stringify({ store, package: 'com.foo.bar', to, reason }),
  });
  expect(answer.status, await answer.text()).toBe(200);
}

/** The request that reads the review state, per store (logged once it was answered). */
const INFO_READ: Record<string, (e: LogEntry) => boolean> = {
  oppo: (e) => e.path.endsWith('/app/info'),
  vivo: (e) => (e.fields.method ?? new URLSearchParams(e.query).get('method')) === 'app.query.details',
  honor: (e) => e.path.includes('get-app-current-release') || e.path.includes('get-audit-result'),
};

/**
 * Waits until each of `stores` answered its review-state read `times` times after log entry `mark`
 * (any request, for the others). Two reads: the second one surely started after the mark.
 */
async function askedSince(setup: SandboxSetup, mark: number, stores: string[], times = 1): Promise<number> {
  for (let i = 0; i < 1000; i++) {
    const log = setup.sandbox.log.slice(mark);
    if (stores.every((s) => log.filter((e) => e.store === s && (INFO_READ[s] ?? (() => true))(e)).length >= times))
      return setup.sandbox.log.length;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not every one of ${stores.join(', ')} was asked`);
}

const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { event: string; store?: string; state?: string; reason?: string });

describe('appstores status', () => {
  it('shows all seven stores (human, --json), then follows a version from review to live', async () => {
    sb = await withSandbox();
    const human = await sb.run(['status', '--pkg', 'com.foo.bar']);
    expect(human.code, human.stderr).toBe(0);
    const lines = human.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(ALL);
    expect(lines.every((l) => / live /.test(l))).toBe(true);
    expect(lines[0]).toMatch(/has no review API/);

    expect((await sb.run(['publish', apk, ipa, '--notes', notes])).code).toBe(0);
    const json = await sb.run(['status', apk, ipa, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(summary.stores.map((s: { store: string; state: string }) => [s.store, s.state])).toEqual(
      ALL.map((s) => [s, 'reviewing']),
    );
    expect(summary.stores[1].version).toEqual({ versionCode: 6100000, versionName: '6.10.0' });

    const mark = sb.sandbox.log.length;
    const watch = sb.run(['status', apk, ipa, '--watch', '--until', 'live', '--json'], FAST);
    await askedSince(sb, mark, ALL);
    // OPPO and vivo hold an approved version apart from live; the others go live on approval.
    for (const store of ALL) await review(sb, store, 'approved');
    await askedSince(sb, sb.sandbox.log.length, ['oppo', 'vivo'], 2);
    for (const store of ['oppo', 'vivo']) await review(sb, store, 'live');
    const r = await watch;
    expect(r.code, r.stderr).toBe(0);
    const all = events(r.stdout);
    const last = all.at(-1) as unknown as { event: string; ok: boolean; stores: Array<{ state: string }> };
    expect(last.event).toBe('summary');
    expect(last.ok).toBe(true);
    expect(last.stores.map((s) => s.state)).toEqual(ALL.map(() => 'live'));
    const oppo = all.filter((e) => e.event === 'status' && e.store === 'oppo').map((e) => e.state);
    expect(oppo).toEqual(['reviewing', 'approved', 'live']);
    expect(all.filter((e) => e.store === 'vivo').map((e) => e.state)).toEqual(['reviewing', 'approved', 'live']);
  });

  it('ends with 1 and the reason on a rejection, 75 on a timeout; withdraw cancels the Apple submission', async () => {
    sb = await withSandbox(['oppo', 'honor', 'apple']);
    expect((await sb.run(['publish', apk, ipa, '--notes', notes])).code).toBe(0);

    const timedOut = await sb.run(['status', apk, '--store', 'oppo', '--watch', '--timeout', '2h'], FAST);
    expect(timedOut.code, timedOut.stderr).toBe(75);
    expect(timedOut.stderr).toMatch(/timed out: oppo did not reach reviewed/);
    expect(timedOut.stdout).toMatch(/^oppo\s+reviewing 6\.10\.0 \(6100000\)/);

    const mark = sb.sandbox.log.length;
    const watch = sb.run(['status', apk, '--store', 'oppo,honor', '--watch'], FAST);
    await askedSince(sb, mark, ['oppo', 'honor']);
    await review(sb, 'honor', 'rejected', '应用截图与实际功能不符');
    await review(sb, 'oppo', 'approved');
    const rejected = await watch;
    expect(rejected.code, rejected.stderr).toBe(1);
    expect(rejected.stdout).toMatch(/^honor\s+rejected .*reason: 应用截图与实际功能不符/m);
    expect(rejected.stdout).toMatch(/^oppo\s+approved/m);
    // CI (no TTY): a line per change on stderr, the first state of each store included.
    expect(rejected.stderr).toMatch(/honor: asking every 3 h until reviewed/);
    expect(rejected.stderr).toMatch(/^honor\s+reviewing.*\n(.*\n)*honor\s+rejected/m);

    const unconfirmed = await sb.run(['withdraw', '--pkg', 'com.foo.bar']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/needs --yes/);

    const withdraw = await sb.run(['withdraw', '--store', 'apple,oppo', '--pkg', 'com.foo.bar', '--yes', '--json']);
    expect(withdraw.code, withdraw.stderr).toBe(0);
    expect(
      JSON.parse(withdraw.stdout).results.map((x: { store: string; status: string }) => [x.store, x.status]),
    ).toEqual([
      ['apple', 'withdrawn'],
      ['oppo', 'unsupported'],
    ]);
    const cancels = sb.sandbox.log.filter(
      (e) => e.store === 'apple' && e.method === 'PATCH' && e.path.startsWith('/v1/reviewSubmissions/'),
    );
    expect(cancels).toHaveLength(2); // the submit, then the cancel
    expect(sb.stores.apple.state.versions.find((v) => v.versionString === '6.10.0')?.appVersionState).toBe(
      'DEVELOPER_REJECTED',
    );
  });
});
