/** Apple withdraw in process: cancels only a submission in review, once; nothing in review is no error. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppleEmulator, type AppleEmulator } from '../../sandbox/apple.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { testContext } from '../../testing/context.js';
import { virtualClock } from '../../testing/clock.js';
import { appleAdapter } from './index.js';

let apple: AppleEmulator;
let sb: Sandbox;
beforeEach(async () => {
  apple = createAppleEmulator();
  sb = await startSandbox([apple]);
});
afterEach(() => sb.close());

const connect = () => {
  const config = appleAdapter.configSchema.parse(sb.config().stores.apple);
  return appleAdapter.connect(testContext(appleAdapter, config, { clock: virtualClock() }));
};
const patches = () => sb.log.filter((e) => e.method === 'PATCH' && e.path.startsWith('/v1/reviewSubmissions/'));

describe('apple withdraw', () => {
  it('says so when nothing is in review, and sends no cancel', async () => {
    const outcome = await connect().withdraw!('com.foo.bar');
    expect(outcome).toEqual({ status: 'nothing', message: 'com.foo.bar has no submission in review', reference: null });
    expect(patches()).toEqual([]);
  });

  it('cancels the submission waiting for review: the version is withdrawn', async () => {
    const live = apple.state.versions[0]!;
    const version = {
      ...live,
      id: 'ver-waiting',
      versionString: '6.10.0',
      appVersionState: 'WAITING_FOR_REVIEW' as const,
      createdDate: new Date(Date.parse(live.createdDate) + 86_400_000).toISOString(),
    };
    apple.state.versions.push(version);
    apple.state.submissions.push({
      id: 'sub-waiting',
      appId: live.appId,
      platform: live.platform,
      state: 'WAITING_FOR_REVIEW',
      versionIds: [version.id],
      submittedDate: new Date().toISOString(),
    });
    const session = connect();
    expect(await session.withdraw!('com.foo.bar')).toMatchObject({ status: 'withdrawn', reference: 'sub-waiting' });
    expect(patches()).toHaveLength(1);
    expect(version.appVersionState).toBe('DEVELOPER_REJECTED');
    expect((await session.info('com.foo.bar')).review.state).toBe('withdrawn');
  });
});
