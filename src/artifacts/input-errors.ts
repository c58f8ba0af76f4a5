/**
 * The one-line errors for a bad input file. Each has a stable code, a message that names the file
 * and says what is wrong, and a hint that says how to fix it. They never carry a stack to the user:
 * src/main.ts renders message + hint only.
 */
import { InputError } from '../core/errors.js';

export type ArtifactErrorCode = 'FILE_NOT_FOUND' | 'NOT_A_ZIP' | 'CORRUPT_ZIP' | 'NOT_AN_APP' | 'BAD_MANIFEST';

const HINTS: Record<ArtifactErrorCode, string> = {
  FILE_NOT_FOUND: 'check the path and the file permissions; pass the .apk or .ipa your build produced',
  NOT_A_ZIP: 'pass the .apk or .ipa your build produced (both are zip archives)',
  CORRUPT_ZIP: 'the file is damaged or incomplete (an interrupted copy or download?); build or copy it again',
  NOT_AN_APP:
    'pass an APK (a zip with AndroidManifest.xml), an App Bundle (base/manifest/AndroidManifest.xml) or an IPA (Payload/<name>.app/Info.plist)',
  BAD_MANIFEST: 'build the app again with the standard tools (Gradle / Xcode); the file looks damaged or hand-made',
};

/** `file` is shown as the user gave it; `problem` says what is wrong with it. */
export function artifactError(code: ArtifactErrorCode, file: string, problem: string, cause?: unknown): InputError {
  return new InputError(`${file}: ${problem}`, { code, hint: HINTS[code], cause });
}

/** Turns an fs error from opening or reading `file` into FILE_NOT_FOUND. */
export function fileAccessError(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const problem =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'not readable (permission denied)'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return artifactError('FILE_NOT_FOUND', file, problem, error);
}
