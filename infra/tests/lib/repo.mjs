// Where things are, relative to this file, so the tests run from any working directory.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const repoRoot = path.resolve(here, '..', '..', '..');
export const infraDir = path.join(repoRoot, 'infra');
export const testsDir = path.join(infraDir, 'tests');
export const fixturesDir = path.join(testsDir, 'fixtures');
export const envDir = path.join(infraDir, 'env');
export const mainBicep = path.join(infraDir, 'main.bicep');

/** Files under `dir` whose name ends with `extension`, skipping `exclude` folders and node_modules. */
export function findFiles(dir, extension, exclude = []) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return exclude.includes(full) || entry.name === 'node_modules' || entry.name === 'obj' ? [] : findFiles(full, extension, exclude);
      return entry.name.endsWith(extension) ? [full] : [];
    })
    .sort();
}

/** The templates that get deployed: every .bicep under infra/ except the test fixtures. */
export function infraBicepFiles() {
  return findFiles(infraDir, '.bicep', [testsDir]);
}

/** The stamps' parameter files, env/<stamp>.bicepparam, by stamp name. */
export function stampParameterFiles(dir = envDir) {
  return Object.fromEntries(findFiles(dir, '.bicepparam').map((f) => [path.basename(f, '.bicepparam'), f]));
}
