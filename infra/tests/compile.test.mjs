// Every template compiles with the pinned Bicep compiler, and its linter (rules set in
// infra/bicepconfig.json, applied by every compile as by `bicep build` and `bicep lint`) has nothing
// to say: any diagnostic, error or warning, fails. The fixtures
// prove that the compiler and the linter reject what they must.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { bicepVersion, compile, describeDiagnostics } from './lib/bicep.mjs';
import { fixturesDir, infraBicepFiles, infraDir } from './lib/repo.mjs';

/** The linter rules that must be errors: a template breaking one does not build. */
export const ERROR_RULES = [
  'adminusername-should-not-be-literal',
  'artifacts-parameters',
  'explicit-values-for-loc-params',
  'no-conflicting-metadata',
  'no-deployments-resources',
  'no-hardcoded-env-urls',
  'no-hardcoded-location',
  'no-loc-expr-outside-params',
  'no-unnecessary-dependson',
  'no-unused-existing-resources',
  'no-unused-imports',
  'no-unused-params',
  'no-unused-vars',
  'outputs-should-not-contain-secrets',
  'protect-commandtoexecute-secrets',
  'secure-parameter-default',
  'secure-params-in-nested-deploy',
  'secure-secrets-in-params',
  'use-resource-id-functions',
  'use-secure-value-for-secure-inputs',
  'use-stable-resource-identifiers',
];

const codes = (diagnostics) => diagnostics.map((d) => `${d.level} ${d.code}`).sort();

describe('Bicep compiler', () => {
  test('version_Compiler_IsThePinnedOne', async () => {
    const pinned = /<BicepVersion>([^<]+)<\/BicepVersion>/.exec(readFileSync(path.join(infraDir, 'tools', 'bicep.proj'), 'utf8'))[1];
    assert.equal(await bicepVersion(), pinned);
  });

  test('templates_Found_MainModulesAndSharedFiles', () => {
    const names = infraBicepFiles().map((f) => path.relative(infraDir, f));
    for (const expected of ['main.bicep', 'types.bicep', 'runtime.bicep', 'modules/stamp.bicep', 'modules/network.bicep']) {
      assert.ok(names.includes(expected), `${expected} missing from ${names}`);
    }
  });

  for (const file of infraBicepFiles()) {
    test(`build_${path.relative(infraDir, file)}_CompilesWithoutDiagnostics`, async () => {
      const { success, diagnostics, template } = await compile(file);
      assert.deepEqual(diagnostics, [], `\n${describeDiagnostics(diagnostics)}`);
      assert.ok(success && template, 'no ARM JSON produced');
    });
  }
});

describe('Bicep configuration', () => {
  test('config_ImportantRules_AreErrors', () => {
    const rules = JSON.parse(readFileSync(path.join(infraDir, 'bicepconfig.json'), 'utf8')).analyzers.core.rules;
    const errors = Object.entries(rules).filter(([, r]) => r.level === 'error').map(([name]) => name).sort();
    assert.deepEqual(errors, [...ERROR_RULES].sort());
  });

  test('lint_BrokenFixture_EveryRuleItBreaksIsAnError', async () => {
    const { success, diagnostics } = await compile(path.join(fixturesDir, 'lint', 'broken-lint.bicep'));
    assert.equal(success, false, 'a template breaking error rules must not build');
    assert.deepEqual([...new Set(codes(diagnostics))], [
      'Error no-hardcoded-env-urls',
      'Error no-hardcoded-location',
      'Error no-loc-expr-outside-params',
      'Error no-unused-existing-resources',
      'Error no-unused-params',
      'Error no-unused-vars',
      'Error outputs-should-not-contain-secrets',
      'Error secure-parameter-default',
    ]);
  });
});

describe('compiler on broken fixtures', () => {
  const compiled = (name) => compile(path.join(fixturesDir, 'compiler', name));

  test('build_MisspeltResourceProperty_IsReported', async () => {
    const { diagnostics } = await compiled('broken-typo-property.bicep');
    assert.deepEqual(codes(diagnostics), ['Warning BCP089']);
    assert.match(diagnostics[0].message, /"allowBlobPublicAcess" is not allowed .* Did you mean "allowBlobPublicAccess"/);
  });

  test('build_UndeclaredNameAndMisspeltSetting_Fail', async () => {
    const { success, diagnostics } = await compiled('broken-unknown-symbol.bicep');
    assert.equal(success, false);
    assert.deepEqual(codes(diagnostics), ['Error BCP053', 'Error BCP057', 'Error no-unused-params']);
    assert.match(diagnostics.find((d) => d.code === 'BCP057').message, /"locaton" does not exist/);
    assert.match(diagnostics.find((d) => d.code === 'BCP053').message, /does not contain property "skuName"/);
  });

  test('build_ModuleCallWithTypoAndMissingParams_Fails', async () => {
    const { success, diagnostics } = await compiled('broken-module-call.bicep');
    assert.equal(success, false);
    assert.deepEqual(codes(diagnostics), ['Error BCP035', 'Error BCP089']);
    assert.match(diagnostics.find((d) => d.code === 'BCP035').message, /missing the following required properties: "appPrincipalId", "location"/);
  });

  test('build_UnparseableFile_Fails', async () => {
    const { success, diagnostics } = await compiled('broken-unparseable.bicep');
    assert.equal(success, false);
    assert.ok(diagnostics.some((d) => d.level === 'Error' && d.code === 'BCP018'), describeDiagnostics(diagnostics));
  });
});
