// The Bicep-to-ARM-JSON evaluator the schema and policy checks stand on.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Evaluator, Expr, isConstant, toArmJson } from './lib/evaluate.mjs';
import { BicepFile } from './lib/parse.mjs';

function evaluate(source, name) {
  const file = new BicepFile('/virtual/main.bicep', source);
  assert.deepEqual(file.syntaxProblems(), []);
  return new Evaluator(file, { file: () => undefined }).variable(name);
}

describe('evaluator', () => {
  test('literals_AllKinds_BecomeJson', () => {
    const value = evaluate("var v = { s: 'a\\'b', n: -3, t: true, z: null, l: [1, 'x'], 'quoted-key': {} }", 'v');
    assert.deepEqual(value, { s: "a'b", n: -3, t: true, z: null, l: [1, 'x'], 'quoted-key': {} });
  });

  test('variables_ReferencedAndInterpolated_AreFolded', () => {
    const value = evaluate("var a = 'st'\nvar b = { name: '${a}-x', copy: a }", 'b');
    assert.deepEqual(value, { name: 'st-x', copy: 'st' });
  });

  test('parameters_AndFunctions_StayExpressionsInArmForm', () => {
    const value = evaluate("param p string\nvar v = { name: 'x-${p}', id: resourceGroup().id }", 'v');
    assert.ok(!isConstant(value));
    assert.deepEqual(toArmJson(value), { name: "['x-${p}']", id: '[resourceGroup().id]' });
  });

  test('loops_OverKnownArrays_AreExpandedWithTheLoopVariableFolded', () => {
    const value = evaluate("var roles = ['a', 'b']\nparam p string\nvar v = [for (r, i) in roles: { id: guid(p, r), index: i }]", 'v');
    assert.deepEqual(toArmJson(value), [{ id: "[guid(p, 'a')]", index: 0 }, { id: "[guid(p, 'b')]", index: 1 }]);
  });

  test('loops_OverUnknownArrays_KeepOneBodyWithTheVariableAsExpression', () => {
    const value = evaluate('param items array\nvar v = [for item in items: { name: item.name }]', 'v');
    assert.deepEqual(toArmJson(value), [{ name: '[item.name]' }]);
  });

  test('pureFunctions_WithKnownKeys_AreComputed', () => {
    const value = evaluate("param p string\nvar a = { x: p }\nvar b = { y: 'z' }\nvar v = [for s in items(union(a, b)): s.key]", 'v');
    assert.deepEqual(value, ['x', 'y']);
  });

  test('ternary_WithKnownCondition_PicksTheBranch', () => {
    assert.equal(evaluate("var flag = true\nvar v = flag ? 'on' : 'off'", 'v'), 'on');
    assert.ok(evaluate("param flag bool\nvar v = flag ? 'on' : 'off'", 'v') instanceof Expr);
  });
});
