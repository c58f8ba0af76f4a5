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

/**
 * An Android App Bundle: the same fields as an APK, read from base/manifest/AndroidManifest.xml
 * (aapt2's protobuf XML), base/resources.pb and base/lib/<abi>/. `signer` is the jarsigner
 * (v1) certificate, the upload key; bundles carry no v2/v3 signing block.
 */
export interface AabInfo extends Omit<ApkInfo, 'kind'> {
  kind: 'aab';
}

/** An Android package a store can take: an APK, or (where the store takes one) an App Bundle. */
export type AndroidPackage = ApkInfo | AabInfo;

export type ArtifactInfo = ApkInfo | AabInfo | IpaInfo;

/**
 * A file read up to its manifest, its digests still being computed (publish hashes while the stores
 * are checked: core/run-publish.ts). Distributes over the union: each kind keeps its own fields.
 */
export type Undigested<T extends ArtifactInfo> = T extends unknown ? Omit<T, 'md5' | 'sha256'> : never;

/** The JSON form (`inspect --json`, publish's `artifacts`): everything but the local path. */
export type ArtifactJson = Omit<ApkInfo, 'path'> | Omit<AabInfo, 'path'> | Omit<IpaInfo, 'path'>;

export function artifactJson(info: ArtifactInfo): ArtifactJson {
  const { path: _path, ...rest } = info;
  return rest;
}
