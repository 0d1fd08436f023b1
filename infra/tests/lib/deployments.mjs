// The resources a deployment would create, from the compiled templates: per stamp (main.bicep with
// env/<stamp>.bicepparam) and per test fixture (with made-up parameter values). The policy checks
// read these.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compile, compileParams, describeDiagnostics, snapshot } from './bicep.mjs';
import { findFiles, infraDir, repoRoot, stampParameterFiles } from './repo.mjs';

/**
 * A deployment to check: `resources` are the snapshot's predicted resources, `template` the compiled
 * ARM JSON of the entry template, `stamp` the StampSettings value and `diagnostics` what the compiler
 * said about the parameter file (stamps only).
 */
export class Deployment {
  constructor({ name, resources, template, stamp, parameters, diagnostics = [] }) {
    Object.assign(this, { name, resources, template, stamp, parameters, diagnostics });
  }

  ofType(type) {
    return this.resources.filter((r) => r.type.toLowerCase() === type.toLowerCase());
  }

  /** The resource with this id, or undefined. */
  byId(id) {
    return this.resources.find((r) => typeof r.id === 'string' && r.id.toLowerCase() === String(id).toLowerCase());
  }
}

const stamps = new Map();
/** The deployment of one stamp (memoized per test process). */
export function stampDeployment(name) {
  const file = stampParameterFiles()[name];
  if (!file) throw new Error(`no env/${name}.bicepparam`);
  if (!stamps.has(name)) stamps.set(name, stampFileDeployment(file));
  return stamps.get(name);
}

// Evaluating a stamp takes the compiler seconds and several test files need the same stamps, so
// results are kept in .artifacts/infra-tests, keyed by every template, parameter and configuration
// file under infra/ (compiler version included, it is in tools/bicep.proj).
const cacheDir = path.join(repoRoot, '.artifacts', 'infra-tests');
let inputsKey;
function cacheFile(file) {
  inputsKey ??= (() => {
    const hash = createHash('sha256');
    for (const input of [...findFiles(infraDir, '.bicep'), ...findFiles(infraDir, '.bicepparam'), ...findFiles(infraDir, '.json'), ...findFiles(infraDir, '.proj')]) {
      hash.update(`${path.relative(infraDir, input)}\0`).update(readFileSync(input)).update('\0');
    }
    return hash.digest('hex').slice(0, 16);
  })();
  const name = createHash('sha256').update(path.relative(repoRoot, path.resolve(file))).digest('hex').slice(0, 12);
  return path.join(cacheDir, `${inputsKey}-${name}.json`);
}

function remember(file, fields) {
  mkdirSync(cacheDir, { recursive: true });
  for (const old of readdirSync(cacheDir).filter((f) => !f.startsWith(`${inputsKey}-`))) rmSync(path.join(cacheDir, old), { force: true });
  const target = cacheFile(file);
  const partial = `${target}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(fields));
  renameSync(partial, target);
}

/** The deployment of main.bicep with a stamp parameter file, at the stamp's location. */
export async function stampFileDeployment(file) {
  const cached = cacheFile(file);
  if (existsSync(cached)) return new Deployment(JSON.parse(readFileSync(cached, 'utf8')));
  const deployment = await evaluateStamp(file);
  remember(file, deployment);
  return deployment;
}

async function evaluateStamp(file) {
  const built = await compileParams(file);
  if (!built.success) throw new Error(`${file} does not compile:\n${describeDiagnostics(built.diagnostics)}`);
  const stamp = built.parameters.parameters.stamp.value;
  const result = await snapshot(file, { location: stamp.location });
  if (result.diagnostics?.length) throw new Error(`snapshot of ${file}: ${JSON.stringify(result.diagnostics)}`);
  return new Deployment({
    name: path.basename(file), resources: result.predictedResources, template: built.template, stamp, parameters: built.parameters.parameters, diagnostics: built.diagnostics,
  });
}

/** Values fixtures' required parameters get (by name); a fixture needing another one fails loudly. */
export const FIXTURE_PARAMETERS = {
  location: 'eastus2',
  appPrincipalId: '33333333-3333-3333-3333-333333333333',
  storageAccountName: 'stfixture',
};

/** The deployment of a fixture template to a resource group in eastus2. */
export async function fixtureDeployment(file) {
  const compiled = await compile(file);
  if (!compiled.success) throw new Error(`${file} does not compile:\n${describeDiagnostics(compiled.diagnostics)}`);
  const required = Object.entries(compiled.template.parameters ?? {}).filter(([, p]) => !('defaultValue' in p)).map(([n]) => n);
  const dir = mkdtempSync(path.join(tmpdir(), 'risk-fixture-'));
  try {
    const lines = [`using '${path.relative(dir, file).split(path.sep).join('/')}'`];
    for (const name of required) {
      if (!(name in FIXTURE_PARAMETERS)) throw new Error(`${file}: no value for parameter ${name} in FIXTURE_PARAMETERS`);
      lines.push(`param ${name} = '${FIXTURE_PARAMETERS[name]}'`);
    }
    const parameterFile = path.join(dir, 'fixture.bicepparam');
    writeFileSync(parameterFile, `${lines.join('\n')}\n`);
    const result = await snapshot(parameterFile, { location: FIXTURE_PARAMETERS.location, resourceGroup: 'rg-fixture' });
    return new Deployment({ name: path.basename(file), resources: result.predictedResources, template: compiled.template, stamp: { location: FIXTURE_PARAMETERS.location } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
