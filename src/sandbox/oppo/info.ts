/** GET /resource/v1/app/info (seed 002; stores/oppo.md 2.5). */
import type { OppoState } from './state.js';
import { ownApp } from './publish.js';
import { latestVersion } from './state.js';

/**
 * The DetailBody of the latest version, or of `version_code` when given. An app the account does
 * not have answers `data: []`, an empty ARRAY [src: APKGO-OP-T TestQueryApp_EmptyArrayData]; an
 * app of another developer answers 911045 (seed 002 failure example).
 */
export function appInfo(state: OppoState, devId: string, params: Record<string, string>): unknown {
  const pkg = params.pkg_name ?? '';
  if (!state.apps.has(pkg)) return [];
  const app = ownApp(state, devId, pkg);
  const wanted = params.version_code;
  // UNCONFIRMED: an unknown version_code of a known app also answers [].
  const detail = wanted ? app.versions.find((v) => v.version_code === wanted) : latestVersion(app);
  return detail ? structuredClone(detail) : [];
}
