// Every template parses with the Bicep grammar; a file it cannot parse fails the suite.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseBicepFile } from './lib/parse.mjs';
import { describe as describeViolations } from './lib/report.mjs';
import { fixturesDir, infraBicepFiles, infraDir } from './lib/repo.mjs';

describe('Bicep syntax', () => {
  const files = infraBicepFiles();

  test('templates_Found_MainAndStampModules', () => {
    const names = files.map((f) => path.relative(infraDir, f));
    for (const expected of ['main.bicep', 'types.bicep', 'modules/stamp.bicep']) assert.ok(names.includes(expected), `${expected} missing from ${names}`);
  });

  for (const file of files) {
    test(`parse_${path.relative(infraDir, file)}_HasNoErrorOrMissingNodes`, () => {
      const problems = parseBicepFile(file).syntaxProblems();
      assert.deepEqual(problems, [], describeViolations(problems.map((p) => ({ ...p, rule: 'syntax' }))));
    });
  }

  test('parse_UnparseableFixture_ReportsTheBrokenLines', () => {
    const problems = parseBicepFile(path.join(fixturesDir, 'broken-unparseable.bicep')).syntaxProblems();
    assert.ok(problems.length > 0, 'the grammar accepted a file with a property without a value');
    assert.ok(problems.every((p) => p.line >= 2), describeViolations(problems.map((p) => ({ ...p, rule: 'syntax' }))));
  });
});
