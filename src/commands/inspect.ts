import { readArtifact } from '../artifacts/index.js';
import { artifactJson } from '../artifacts/types.js';
import { formatBytes, pad } from '../output/format.js';
import type { CommandContext } from './context.js';

export async function inspectCommand(ctx: CommandContext, file: string, flags: { json?: boolean }): Promise<number> {
  const info = await readArtifact(file, { signal: ctx.signal });
  const json = artifactJson(info);
  if (flags.json) {
    ctx.out(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  const rows: Array<[string, string]> =
    info.kind !== 'ipa'
      ? [
          ['kind', info.kind === 'apk' ? 'APK' : 'AAB (Android App Bundle)'],
          ['package', info.package],
          ['version', `${info.versionName} (${info.versionCode})`],
          ['label', info.label],
          ['sdk', `min ${info.minSdk ?? '—'}, target ${info.targetSdk ?? '—'}`],
          ['abis', info.abis.join(', ') || '(no native code)'],
          ['signer', info.signer ? `SHA-256 ${info.signer.sha256}` : '(unsigned)'],
          ['', info.signer ? `MD5     ${info.signer.md5}` : ''],
        ]
      : [
          ['kind', 'IPA'],
          ['bundle', info.package],
          ['version', `${info.versionName} (${info.buildNumber})`],
          ['label', info.label],
          ['min OS', info.minOS ?? '—'],
        ];
  rows.push(['size', `${formatBytes(info.size)} (${info.size} bytes)`], ['md5', info.md5], ['sha256', info.sha256]);
  ctx.out(
    `${rows
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `${pad(k, 8)} ${v}`)
      .join('\n')}\n`,
  );
  return 0;
}
