/**
 * An Android package name or an iOS bundle id, checked before it is put into any store request:
 * `com.foo bar&x#y` would otherwise be sent, and `&` or `#` can change what a signed query means.
 * Android: dot-separated segments of letters, digits and `_`, each starting with a letter; bundle
 * ids also allow `-` and segments starting with a digit. Both need at least two segments.
 */
import { InputError } from './errors.js';

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const MAX_LENGTH = 255;

export function checkPackageName(value: string): string {
  const segments = value.split('.');
  const bad = value.length > MAX_LENGTH || segments.length < 2 || !segments.every((s) => SEGMENT.test(s));
  if (bad) {
    const odd = /[^A-Za-z0-9_.-]/.exec(value)?.[0];
    const why = odd
      ? `it contains ${odd === ' ' ? 'a space' : JSON.stringify(odd)}`
      : segments.length < 2
        ? 'it needs at least two dot-separated parts'
        : value.length > MAX_LENGTH
          ? `it is longer than ${MAX_LENGTH} characters`
          : 'a part between dots is empty';
    throw new InputError(`${JSON.stringify(value)} is not a package name or bundle id: ${why}`, {
      code: 'PACKAGE_NAME_INVALID',
      hint: 'pass the applicationId / bundle id, e.g. --pkg com.foo.bar (`appstores inspect app.apk` shows it)',
    });
  }
  return value;
}
