/** What the CLI reads from an input file. The JSON shapes of `appstores inspect` (design.md). */

export interface FileDigest {
  /** Bytes on disk. */
  size: number;
  /** Lowercase hex. */
  md5: string;
  /** Lowercase hex. */
  sha256: string;
}

export interface ApkInfo extends FileDigest {
  kind: 'apk';
  /** Absolute path of the file on disk. Not part of the JSON output. */
  path: string;
  package: string;
  versionCode: number;
  versionName: string;
  /** The application label, resolved through resources.arsc (default locale first). */
  label: string;
  minSdk: number | null;
  targetSdk: number | null;
  /** ABIs found under lib/, sorted; empty for a pure-Java APK. */
  abis: string[];
  /** The first signer's certificate, lowercase hex; null when the APK is unsigned. */
  signer: { sha256: string; md5: string } | null;
}

export interface IpaInfo extends FileDigest {
  kind: 'ipa';
  path: string;
  /** CFBundleIdentifier. */
  package: string;
  /** CFBundleShortVersionString. */
  versionName: string;
  /** CFBundleVersion. */
  buildNumber: string;
  /** CFBundleDisplayName, else CFBundleName. */
  label: string;
  /** MinimumOSVersion. */
  minOS: string | null;
}

export type ArtifactInfo = ApkInfo | IpaInfo;

/** The JSON form (`inspect --json`, publish's `artifacts`): everything but the local path. */
export type ArtifactJson = Omit<ApkInfo, 'path'> | Omit<IpaInfo, 'path'>;

export function artifactJson(info: ArtifactInfo): ArtifactJson {
  const { path: _path, ...rest } = info;
  return rest;
}
