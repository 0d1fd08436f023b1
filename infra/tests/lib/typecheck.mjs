// Checks a JSON value against a Bicep type (primitive, literal, union, array, nullable, object type or
// a named user-defined type, also imported ones) with its decorators, the way a deployment would
// reject it. Parameter files are JSON, so this is what keeps them honest without a Bicep compiler.
import { decorator, stringValue, typeProperties } from './parse.mjs';

/** Finds a user-defined type by name, following `import { T } from '...'`. */
export function resolveType(workspace, file, name) {
  if (file.types.has(name)) return { file, declaration: file.types.get(name) };
  for (const imported of file.imports) {
    if (!imported.symbols.includes(name)) continue;
    const target = workspace.file(imported.path);
    if (target) return resolveType(workspace, target, name);
  }
  return undefined;
}

/** Problems of `value` against the type node, each prefixed with its path (e.g. `stamp.functionApp.x`). */
export function checkValue(workspace, file, typeNode, value, where, decorators = []) {
  const problems = [];
  check(workspace, file, typeNode, value, where, decorators, problems, false);
  return problems;
}

function check(workspace, file, node, value, where, decorators, problems, sealed) {
  switch (node.type) {
    case 'type':
    case 'parenthesized_type':
      return check(workspace, file, node.namedChildren[0], value, where, decorators, problems, sealed);
    case 'nullable_type':
      if (value === null || value === undefined) return;
      return check(workspace, file, node.namedChildren[0], value, where, decorators, problems, sealed);
    case 'primitive_type':
      return checkPrimitive(node.text, value, where, decorators, problems);
    case 'string':
    case 'number':
    case 'boolean': {
      const literal = node.type === 'string' ? stringValue(node) : node.type === 'number' ? Number(node.text) : node.text === 'true';
      if (value !== literal) problems.push(`${where}: must be ${JSON.stringify(literal)}, got ${JSON.stringify(value)}`);
      return;
    }
    case 'union_type': {
      const members = node.namedChildren.map((m) => (m.type === 'string' ? stringValue(m) : m.type === 'number' ? Number(m.text) : m.text));
      if (!members.includes(value)) {
        problems.push(`${where}: must be one of ${members.map((m) => JSON.stringify(m)).join(' | ')}, got ${JSON.stringify(value)}`);
      }
      return;
    }
    case 'array_type': {
      if (!Array.isArray(value)) return problems.push(`${where}: must be an array`);
      checkLength(value.length, where, decorators, problems, 'items');
      value.forEach((item, i) => check(workspace, file, node.namedChildren[0], item, `${where}[${i}]`, [], problems, false));
      return;
    }
    case 'identifier': {
      const resolved = resolveType(workspace, file, node.text);
      if (!resolved) return problems.push(`${where}: unknown type ${node.text}`);
      const isSealed = Boolean(decorator(resolved.declaration, 'sealed'));
      const combined = [...resolved.declaration.decorators, ...decorators];
      return check(workspace, resolved.file, resolved.declaration.typeNode, value, where, combined, problems, isSealed);
    }
    case 'object':
      return checkObject(workspace, file, node, value, where, problems, sealed);
    default:
      problems.push(`${where}: type ${node.text} is not understood by this checker`);
  }
}

function checkPrimitive(name, value, where, decorators, problems) {
  const ok = {
    string: typeof value === 'string',
    int: Number.isInteger(value),
    bool: typeof value === 'boolean',
    object: value !== null && typeof value === 'object' && !Array.isArray(value),
    array: Array.isArray(value),
    any: true,
  }[name];
  if (!ok) return problems.push(`${where}: must be ${name === 'int' ? 'an integer' : `a ${name}`}, got ${JSON.stringify(value)}`);
  if (typeof value === 'string' || Array.isArray(value)) checkLength(value.length, where, decorators, problems, 'characters');
  if (typeof value === 'number') {
    const min = numberArg(decorators, 'minValue');
    const max = numberArg(decorators, 'maxValue');
    if (min !== undefined && value < min) problems.push(`${where}: must be at least ${min}, got ${value}`);
    if (max !== undefined && value > max) problems.push(`${where}: must be at most ${max}, got ${value}`);
  }
  const allowed = decorators.find((d) => d.name === 'allowed');
  if (allowed) {
    const values = allowed.args[0].namedChildren.map((n) => (n.type === 'string' ? stringValue(n) : Number(n.text)));
    if (!values.includes(value)) problems.push(`${where}: must be one of ${values.join(', ')}, got ${JSON.stringify(value)}`);
  }
}

function checkLength(length, where, decorators, problems, unit) {
  const min = numberArg(decorators, 'minLength');
  const max = numberArg(decorators, 'maxLength');
  if (min !== undefined && length < min) problems.push(`${where}: must have at least ${min} ${unit}, has ${length}`);
  if (max !== undefined && length > max) problems.push(`${where}: must have at most ${max} ${unit}, has ${length}`);
}

function checkObject(workspace, file, node, value, where, problems, sealed) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return problems.push(`${where}: must be an object`);
  const declared = new Set();
  for (const { key, typeNode, decorators } of typeProperties(node)) {
    declared.add(key);
    if (!(key in value)) {
      if (typeNode.type !== 'nullable_type') problems.push(`${where}.${key}: required`);
      continue;
    }
    check(workspace, file, typeNode, value[key], `${where}.${key}`, decorators, problems, false);
  }
  if (sealed) {
    for (const key of Object.keys(value)) {
      if (!declared.has(key)) problems.push(`${where}.${key}: not a property of this type`);
    }
  }
}

function numberArg(decorators, name) {
  const found = decorators.find((d) => d.name === name);
  if (!found) return undefined;
  const arg = found.args[0];
  return arg.type === 'unary_expression' ? -Number(arg.namedChildren.at(-1).text) : Number(arg.text);
}
