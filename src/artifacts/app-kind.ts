/** Which kind of app a zip holds, decided by its content (never by the file name). */
import type { InputError } from '../core/errors.js';
import { artifactError } from './input-errors.js';
import type { ZipArchive } from './zip.js';

export const APK_MANIFEST = 'AndroidManifest.xml';
const IPA_INFO_PLIST = /^Payload\/[^/]+\.app\/Info\.plist$/;
export const AAB_MANIFEST = 'base/manifest/AndroidManifest.xml';

export function detectKind(zip: ZipArchive): 'apk' | 'aab' | 'ipa' | null {
  if (zip.has(APK_MANIFEST)) return 'apk';
  if (zip.has(AAB_MANIFEST)) return 'aab';
  return infoPlistName(zip) ? 'ipa' : null;
}

/** Payload/<name>.app/Info.plist, the first one in the central directory. */
export function infoPlistName(zip: ZipArchive): string | undefined {
  return zip.names.find((name) => IPA_INFO_PLIST.test(name));
}

/** NOT_AN_APP, saying what the zip is when we can tell. */
export function notAnAppError(zip: ZipArchive, wanted: 'apk' | 'aab' | 'ipa' | 'any'): InputError {
  const kind = detectKind(zip);
  const wantedName = wanted === 'aab' ? 'an Android App Bundle' : wanted === 'ipa' ? 'an IPA' : 'an APK';
  if (kind === 'ipa') return artifactError('NOT_AN_APP', zip.file, `is an IPA, not ${wantedName}`);
  if (kind === 'apk') return artifactError('NOT_AN_APP', zip.file, `is an APK, not ${wantedName}`);
  if (kind === 'aab') {
    return artifactError(
      'NOT_AN_APP',
      zip.file,
      `is an Android App Bundle (.aab), not ${wantedName}; make a universal APK with \`bundletool build-apks --mode=universal\``,
    );
  }
  const problem =
    wanted === 'apk'
      ? 'is a zip archive without AndroidManifest.xml, so not an APK'
      : wanted === 'aab'
        ? 'is a zip archive without base/manifest/AndroidManifest.xml, so not an Android App Bundle'
        : wanted === 'ipa'
          ? 'is a zip archive without Payload/<name>.app/Info.plist, so not an IPA'
          : 'is a zip archive but not an APK (no AndroidManifest.xml), an Android App Bundle (no base/manifest/AndroidManifest.xml) or an IPA (no Payload/<name>.app/Info.plist)';
  return artifactError('NOT_AN_APP', zip.file, problem);
}
