/** One human line per store for `appstores status`. */
import type { StoreStatus } from '../core/status.js';

export function statusLine(s: StoreStatus): string {
  const version = s.version
    ? s.version.versionCode !== null
      ? `${s.version.versionName} (${s.version.versionCode})`
      : s.version.versionName
    : '';
  const parts = [`${s.store.padEnd(7)} ${s.state.padEnd(9)} ${version}`.trimEnd()];
  if (s.storeState && s.state !== 'error') parts.push(`store: ${s.storeState}`);
  if (s.state !== 'error') parts.push(`seen since ${s.seenSince.slice(0, 19).replace('T', ' ')} UTC`);
  if (s.reason && s.state !== 'error') parts.push(`reason: ${s.reason}`);
  if (s.state === 'error') parts.push(s.error ? `${s.error.code}: ${s.error.message}` : (s.reason ?? ''));
  if (s.cannotTell) parts.push(`(${s.cannotTell})`);
  return parts.join(' · ');
}
