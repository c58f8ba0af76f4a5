/**
 * The npm package as users get it: `npm pack` ships only what the CLI needs, and the tarball
 * installs into an empty project and runs. Offline: the dependencies come from npm's cache, which
 * `npm ci` filled, so no test reaches the network.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const npm = (args: string[], cwd = ROOT) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('the npm package', () => {
  it('has what a registry page and npx need', () => {
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(pkg.keywords).toEqual(expect.arrayContaining(['xiaomi', 'oppo', 'vivo', 'huawei', 'app-store-connect']));
    expect(pkg.engines.node).toBe('>=20.18.1');
    expect(pkg.bin.appstores).toBe('bin/appstores.js');
  });

  it('npm pack lists only the CLI, its schema, the example config, README and LICENSE', () => {
    // The build has run (npm test builds first); packing scripts are not what is tested here.
    const [packed] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts']));
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'bin/appstores.js',
        'dist/cli/main.js',
        'dist/main.js',
        'dist/cli.js',
        'dist/ci/github-action.js',
        'dist/sandbox/server.js',
        'schema/appstores.config.schema.json',
        'appstores.config.example.json',
      ]),
    );
    const unexpected = files.filter(
      (f) =>
        !/^(package\.json|README\.md|LICENSE(\.md)?|appstores\.config\.example\.json|bin\/appstores\.js|schema\/[\w.-]+\.json|dist\/.+\.js)$/.test(
          f,
        ) || /\.test\.js$|^dist\/testing\//.test(f),
    );
    expect(unexpected).toEqual([]);
  });

  it('installs from the tarball into an empty project and runs', { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'appstores-pack-'));
    const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir]));
    // An empty project that depends on the tarball, locked to this repository's production
    // dependencies (dev ones left out: the CLI must not need them), so `npm ci --offline` installs
    // from npm's cache alone.
    const project = join(dir, 'project');
    mkdirSync(project);
    const tarball = `file:../${packed.filename}`;
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    const production = Object.entries(lock.packages as Record<string, { dev?: boolean }>).filter(
      ([path, entry]) => path.startsWith('node_modules/') && !entry.dev,
    );
    const manifest = { name: 'try-appstores', version: '1.0.0', private: true, dependencies: { appstores: tarball } };
    writeFileSync(join(project, 'package.json'), JSON.stringify(manifest));
    writeFileSync(
      join(project, 'package-lock.json'),
      JSON.stringify({
        name: manifest.name,
        version: manifest.version,
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies },
          'node_modules/appstores': {
            version: pkg.version,
            resolved: tarball,
            integrity: packed.integrity,
            license: pkg.license,
            dependencies: pkg.dependencies,
            bin: pkg.bin,
            engines: pkg.engines,
          },
          ...Object.fromEntries(production),
        },
      }),
    );
    npm(['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
    const bin = join(project, 'node_modules', '.bin', 'appstores');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
    // The installed package finds its own files: the schema, and the example config for init.
    expect(execFileSync(bin, ['schema'], { encoding: 'utf8' })).toBe(
      readFileSync(join(ROOT, 'schema', 'appstores.config.schema.json'), 'utf8'),
    );
    execFileSync(bin, ['init'], { cwd: project, encoding: 'utf8' });
    // Installed in the project: $schema points into node_modules, where editors find it.
    expect(JSON.parse(readFileSync(join(project, 'appstores.config.json'), 'utf8')).$schema).toBe(
      './node_modules/appstores/schema/appstores.config.schema.json',
    );
  });
});
