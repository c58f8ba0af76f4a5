/** POST /_sandbox/review: the reviewer's control answers 400 / 404 / 409 and moves a version on. */
import { describe, expect, it } from 'vitest';
import { createEmulators } from './emulators.js';
import { reviewControl } from './review-control.js';

describe('reviewControl', () => {
  const emulators = () => new Map(createEmulators().map((e) => [e.id, e]));

  it('refuses a bad body, an unknown store and a package with nothing in review', () => {
    const all = emulators();
    expect(reviewControl(all, 'not json').status).toBe(400);
    expect(reviewControl(all, JSON.stringify({ store: 'oppo', package: 'com.foo.bar', to: 'gone' })).status).toBe(400);
    expect(reviewControl(all, JSON.stringify({ store: 'nokia', package: 'com.foo.bar', to: 'live' })).status).toBe(404);
    // Every seeded app is live: nothing to decide.
    for (const store of all.keys()) {
      const answer = reviewControl(all, JSON.stringify({ store, package: 'com.foo.bar', to: 'approved' }));
      expect(answer, store).toMatchObject({
        status: 409,
        body: { error: expect.stringMatching(/no (version|release|submission) in review/) },
      });
    }
  });

  it('rejects a vivo version in review with the reason app.query.details shows', () => {
    const all = emulators();
    const vivo = all.get('vivo') as ReturnType<typeof createEmulators>[number] & {
      state: { apps: Map<string, { status: number; unPassReason: string }> };
    };
    const app = [...vivo.state.apps.values()][0]!;
    app.status = 2;
    const answer = reviewControl(
      all,
      JSON.stringify({ store: 'vivo', package: 'com.foo.bar', to: 'rejected', reason: '图标不清晰' }),
    );
    expect(answer.status).toBe(200);
    expect(app).toMatchObject({ status: 4, unPassReason: '图标不清晰' });
  });
});
