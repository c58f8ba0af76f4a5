/**
 * What App Store Connect needs from an IPA before it is worth uploading. Apple processes a build
 * asynchronously and silently drops some malformed packages (stores/apple.md §3.6), so the
 * problems it would find late are found here first: a bundle id, both version keys in Apple's
 * format, the executable Info.plist names, and the export-compliance key if the app declares it.
 */
import { InputError } from '../core/errors.js';
import { readInfoPlist } from './ipa.js';
import { detectKind, notAnAppError } from './app-kind.js';
import { withZip } from './zip.js';

export interface AppStoreIpaFacts {
  bundleId: string;
  /** CFBundleShortVersionString. */
  shortVersion: string;
  /** CFBundleVersion. */
  bundleVersion: string;
  /** ITSAppUsesNonExemptEncryption, or null when Info.plist does not declare it. */
  usesNonExemptEncryption: boolean | null;
}

/** One to three period-separated non-negative integers (Apple's rule for both version keys). */
const VERSION = /^\d+(\.\d+){0,2}$/;
/** Reverse-DNS: letters, digits, hyphens and periods. */
const BUNDLE_ID = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

const HINT = 'fix Info.plist in the Xcode project (or the archive export) and build the IPA again';

export async function checkIpaForAppStore(path: string): Promise<AppStoreIpaFacts> {
  return withZip(path, async (zip) => {
    if (detectKind(zip) !== 'ipa') throw notAnAppError(zip, 'ipa');
    const { entry, info } = await readInfoPlist(zip);
    const problem = (text: string) =>
      new InputError(`${zip.file}: ${text}; App Store Connect would not process it`, {
        code: 'IPA_INVALID',
        hint: HINT,
      });
    const text = (key: string): string | null => {
      const value = info[key];
      return typeof value === 'string' ? value.trim() || null : null;
    };

    const bundleId = text('CFBundleIdentifier');
    if (!bundleId) throw problem(`${entry} has no CFBundleIdentifier`);
    if (!BUNDLE_ID.test(bundleId)) throw problem(`CFBundleIdentifier "${bundleId}" is not a reverse-DNS bundle id`);
    const shortVersion = text('CFBundleShortVersionString');
    if (!shortVersion) throw problem(`${entry} has no CFBundleShortVersionString (the version users see)`);
    if (!VERSION.test(shortVersion)) throw problem(`CFBundleShortVersionString "${shortVersion}" is not like 1.2.3`);
    const bundleVersion = text('CFBundleVersion');
    if (!bundleVersion) throw problem(`${entry} has no CFBundleVersion (the build number)`);
    if (!VERSION.test(bundleVersion))
      throw problem(`CFBundleVersion "${bundleVersion}" is not one to three numbers like 42 or 1.2.3`);

    const appDir = entry.slice(0, -'Info.plist'.length);
    const executable = text('CFBundleExecutable');
    if (!executable) throw problem(`${entry} has no CFBundleExecutable`);
    if (!zip.has(`${appDir}${executable}`))
      throw problem(`the executable ${appDir}${executable} named by CFBundleExecutable is missing`);

    const encryption = info.ITSAppUsesNonExemptEncryption;
    return {
      bundleId,
      shortVersion,
      bundleVersion,
      usesNonExemptEncryption: typeof encryption === 'boolean' ? encryption : null,
    };
  });
}
