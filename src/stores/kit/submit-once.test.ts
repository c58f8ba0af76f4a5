import { describe, expect, it } from 'vitest';
import { StoreError } from '../../core/errors.js';
import { TransportError } from '../../http/client.js';
import { virtualClock } from '../../testing/clock.js';
import type { ProgressEvent } from '../types.js';
import { CONFIRM_WINDOW, submitOnce, type SubmitOnceSpec } from './submit-once.js';

const lost = () =>
  new TransportError(
    'vivo',
    'timed out waiting for 127.0.0.1 (UND_ERR_HEADERS_TIMEOUT) on POST /vivo',
    'TIMEOUT',
    true,
    null,
  );
const refused = () =>
  new TransportError('vivo', 'could not connect to 127.0.0.1 (ECONNREFUSED)', 'NETWORK', false, null);

function spec(
  over: Partial<SubmitOnceSpec<string, string>>,
): SubmitOnceSpec<string, string> & { events: ProgressEvent[]; submits: () => number } {
  let submits = 0;
  const events: ProgressEvent[] = [];
  const submit = over.submit ?? (async () => 'ok');
  return {
    store: 'vivo',
    what: 'versionCode 7 (1.0.7)',
    check: '`appstores info --store vivo --pkg com.foo`',
    clock: virtualClock(),
    progress: (e) => events.push(e),
    confirm: async () => null,
    ...over,
    submit: async () => {
      submits++;
      return submit();
    },
    events,
    submits: () => submits,
  };
}

describe('submitOnce', () => {
  it('submitted on an accepted answer', async () => {
    const s = spec({});
    await expect(submitOnce(s)).resolves.toMatchObject({
      status: 'submitted',
      message: 'vivo accepted versionCode 7 (1.0.7)',
      answer: 'ok',
    });
    expect(s.submits()).toBe(1);
  });

  it('NOT_SUBMITTED only when the request never left this machine', async () => {
    const s = spec({ submit: async () => Promise.reject(refused()) });
    await expect(submitOnce(s)).rejects.toMatchObject({ code: 'NOT_SUBMITTED', category: 'transient' });
    expect(s.submits()).toBe(1);
  });

  it('passes a definite refusal through unchanged, without confirming', async () => {
    let confirms = 0;
    const no = new StoreError('no', { code: 'VERSION_NOT_HIGHER', store: 'vivo' });
    const s = spec({
      submit: async () => Promise.reject(no),
      confirm: async () => {
        confirms++;
        return null;
      },
    });
    await expect(submitOnce(s)).rejects.toBe(no);
    expect(confirms).toBe(0);
  });

  it('after a lost answer, keeps looking for minutes: a submit the store applies 125 s later is "submitted"', async () => {
    const clock = virtualClock();
    const start = clock.now();
    const s = spec({
      clock,
      submit: async () => Promise.reject(lost()),
      confirm: async () => (clock.now() - start >= 125_000 ? 'app.query.details shows versionCode 7 in review' : null),
    });
    const result = await submitOnce(s);
    expect(result.status).toBe('submitted');
    expect(result.message).toMatch(
      /^vivo has versionCode 7 \(1.0.7\) \(app.query.details shows versionCode 7 in review\), after the submit got no clear answer/,
    );
    expect(s.submits()).toBe(1);
  });

  it('never says "not submitted" after an ambiguous failure: SUBMIT_UNCONFIRMED, with the way to check', async () => {
    const clock = virtualClock();
    let confirms = 0;
    const s = spec({
      clock,
      submit: async () => Promise.reject(new StoreError('HTTP 502', { code: 'STORE_UNAVAILABLE', store: 'vivo' })),
      confirm: async () => {
        confirms++;
        return null;
      },
    });
    const error = (await submitOnce(s).then(
      () => null,
      (e: unknown) => e,
    )) as StoreError;
    expect(error).toMatchObject({ code: 'SUBMIT_UNCONFIRMED', category: 'transient', store: 'vivo' });
    expect(error.message).toMatch(/may or may not have versionCode 7/);
    expect(error.hint).toContain('`appstores info --store vivo --pkg com.foo`');
    expect(confirms).toBe(20);
    // The window is minutes, not seconds.
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
      CONFIRM_WINDOW.windowMs - CONFIRM_WINDOW.intervalMs,
    );
    expect(s.submits()).toBe(1);
  });

  it('unconfirmed too when every check fails, saying so', async () => {
    const s = spec({
      submit: async () => Promise.reject(lost()),
      confirm: async () => Promise.reject(new Error('connection reset')),
      confirmWindow: { firstDelayMs: 0, intervalMs: 1000, windowMs: 2000 },
    });
    await expect(submitOnce(s)).rejects.toMatchObject({
      code: 'SUBMIT_UNCONFIRMED',
      message: expect.stringContaining('all 3 checks'),
    });
  });

  it('"still processing" is confirmed the same way, then passed through with what was checked', async () => {
    const busy = new StoreError('submit: vivo is still processing (vivo 11010)', {
      code: 'STILL_PROCESSING',
      store: 'vivo',
      storeCode: '11010',
    });
    const s = spec({
      submit: async () => Promise.reject(busy),
      processing: (e) => e === busy,
      confirmWindow: { firstDelayMs: 0, intervalMs: 1000, windowMs: 1000 },
    });
    await expect(submitOnce(s)).rejects.toMatchObject({
      code: 'STILL_PROCESSING',
      storeCode: '11010',
      message: expect.stringContaining('not submitted again'),
    });
    expect(s.submits()).toBe(1);
  });

  it('after an accepted submit, a poll that fails costs one poll, and the result says what is known', async () => {
    let polls = 0;
    const s = spec({
      settle: {
        firstDelayMs: 0,
        intervalMs: 1000,
        windowMs: 3000,
        poll: async () => {
          polls++;
          throw new StoreError('unreadable', { code: 'BAD_RESPONSE', store: 'vivo' });
        },
      },
    });
    const result = await submitOnce(s);
    expect(result).toMatchObject({ status: 'submitted', settled: undefined });
    expect(result.message).toMatch(
      /^vivo accepted versionCode 7 \(1.0.7\); its processing was not confirmed finished after 3 s, 4 of 4 checks failed/,
    );
    expect(polls).toBe(4);
  });

  it('returns what settle found', async () => {
    const s = spec({
      settle: { firstDelayMs: 0, intervalMs: 1000, windowMs: 3000, poll: async (answer) => `${answer}: state 2` },
    });
    await expect(submitOnce(s)).resolves.toMatchObject({ settled: 'ok: state 2' });
  });

  it('sends the submit again only after a definite "not yet" refusal, within its window', async () => {
    let n = 0;
    const compiling = () =>
      new StoreError('still compiling', { code: 'STILL_PROCESSING', store: 'huawei', storeCode: 204144727 });
    const s = spec({
      store: 'huawei',
      submit: async () => {
        if (++n < 3) throw compiling();
        return 'ok';
      },
      notYet: (e) => e instanceof StoreError && e.storeCode === 204144727,
    });
    await expect(submitOnce(s)).resolves.toMatchObject({ status: 'submitted', answer: 'ok' });
    expect(s.submits()).toBe(3);
    // Refused every time: the last refusal, after the window, and never more sends than it holds.
    let m = 0;
    const always = spec({
      submit: async () => {
        m++;
        throw compiling();
      },
      notYet: () => true,
      notYetWindow: { firstDelayMs: 1000, intervalMs: 1000, windowMs: 3000 },
    });
    await expect(submitOnce(always)).rejects.toMatchObject({ code: 'STILL_PROCESSING' });
    expect(m).toBe(3);
    // An ambiguous failure is never sent again, whatever notYet says.
    const ambiguous = spec({
      submit: async () => Promise.reject(lost()),
      notYet: () => true,
      confirmWindow: { firstDelayMs: 0, intervalMs: 1, windowMs: 0 },
    });
    await expect(submitOnce(ambiguous)).rejects.toMatchObject({ code: 'SUBMIT_UNCONFIRMED' });
    expect(ambiguous.submits()).toBe(1);
  });
});
