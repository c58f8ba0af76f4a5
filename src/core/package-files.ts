/**
 * Files of the package itself (package.json, the example config, the schema), found from this
 * module's URL. The CLI runs from the bundle (dist/cli/, one chunk per lazily loaded part), the
 * in-process tests and scripts from tsc's dist/ or from src/, so the depth below the package root
 * differs: the root is the nearest folder above with a package.json (two or three stats, once).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageFile(...parts: string[]): string {
  if (root === undefined) {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    root = dir;
  }
  return join(root, ...parts);
}
