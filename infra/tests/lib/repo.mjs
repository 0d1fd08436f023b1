// Where things are, relative to this file, so the tests run from any working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArmSchemas } from './schemas.mjs';
import { findBicepFiles, Workspace } from './workspace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export const repoRoot = path.resolve(here, '..', '..', '..');
export const infraDir = path.join(repoRoot, 'infra');
export const testsDir = path.join(infraDir, 'tests');
export const fixturesDir = path.join(testsDir, 'fixtures');
export const envDir = path.join(infraDir, 'env');
export const mainBicep = path.join(infraDir, 'main.bicep');

/** The templates that get deployed: every .bicep under infra/ except the test fixtures. */
export function infraBicepFiles() {
  return findBicepFiles(infraDir, [testsDir]);
}

let infraWorkspace;
/** One shared workspace over the deployed templates (parsing is the slow part). */
export function infraWorkspaceOnce() {
  infraWorkspace ??= new Workspace(infraBicepFiles());
  return infraWorkspace;
}

let schemas;
/** The strict ARM schemas, or undefined when the vendored folder is absent (tests then skip). */
export function armSchemasOnce() {
  if (schemas === undefined) {
    const root = ArmSchemas.locate(repoRoot);
    schemas = root ? new ArmSchemas(root) : null;
  }
  return schemas ?? undefined;
}

export const SCHEMAS_MISSING =
  'ARM schemas not found: expected ../shared/data/arm-schemas next to the repository (or set ARM_SCHEMAS_DIR)';

/** A workspace over one fixture file. */
export function fixture(name) {
  return new Workspace([path.join(fixturesDir, name)]);
}
