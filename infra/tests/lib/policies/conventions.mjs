// Azure Verified Modules conventions: every parameter says whether it is required and what it is
// for, and is constrained where a constraint means something; every output and exported type
// property is described; module calls pass exactly the parameters their module declares.
import { decorator, isOptionalParam, stringValue, typeProperties } from '../parse.mjs';
import { violation } from '../report.mjs';

const RULE = 'conventions';

export function checkConventions(workspace) {
  const found = [];
  for (const file of workspace.files) {
    for (const [name, param] of file.params) found.push(...checkParam(file, name, param));
    for (const [name, output] of file.outputs) {
      if (!decorator(output, 'description')) found.push(violation(RULE, file.path, output.line, `output ${name} has no @description`));
    }
    for (const [name, type] of file.types) {
      if (type.typeNode.type === 'object') found.push(...checkTypeProperties(file, name, type.typeNode));
    }
  }
  found.push(...checkModuleCalls(workspace));
  return found;
}

function checkParam(file, name, param) {
  const found = [];
  const at = (message) => violation(RULE, file.path, param.line, `param ${name}: ${message}`);
  const description = stringValue(decorator(param, 'description')?.args[0]);
  const optional = isOptionalParam(param);
  if (!description) {
    found.push(at('has no @description'));
  } else if (!description.startsWith(optional ? 'Optional. ' : 'Required. ')) {
    found.push(at(`description must start with '${optional ? 'Optional.' : 'Required.'}'`));
  }
  found.push(...checkConstraint(param.typeNode, param.decorators, at));
  return found;
}

/** Strings need @allowed or lengths, ints need bounds, objects and arrays need a declared type. */
function checkConstraint(typeNode, decorators, at) {
  let inner = typeNode;
  while (inner && ['type', 'nullable_type', 'parenthesized_type'].includes(inner.type)) inner = inner.namedChildren[0];
  if (inner?.type !== 'primitive_type') return [];
  const has = (n) => decorators.some((d) => d.name === n);
  switch (inner.text) {
    case 'string':
      return has('allowed') || has('maxLength') ? [] : [at('string without @allowed or @maxLength')];
    case 'int':
      return has('allowed') || (has('minValue') && has('maxValue')) ? [] : [at('int without @minValue and @maxValue')];
    case 'object':
    case 'array':
      return has('secure') ? [] : [at(`untyped ${inner.text}; declare a type so values are checked`)];
    default:
      return [];
  }
}

function checkTypeProperties(file, typeName, objectNode) {
  return typeProperties(objectNode).flatMap(({ key, typeNode, decorators, node }) => {
    const at = (message) => violation(RULE, file.path, node.startPosition.row + 1, `type ${typeName}.${key}: ${message}`);
    const described = decorators.some((d) => d.name === 'description') ? [] : [at('has no @description')];
    return [...described, ...checkConstraint(typeNode, decorators, at)];
  });
}

function checkModuleCalls(workspace) {
  const found = [];
  for (const call of workspace.modules()) {
    const at = (line, message) => violation(RULE, call.file, line, `module ${call.symbol}: ${message}`);
    const target = call.path && workspace.file(call.path);
    if (!target) {
      found.push(at(call.line, `module file not found`));
      continue;
    }
    for (const [name, passed] of call.params) {
      if (!target.params.has(name)) found.push(at(passed.line, `passes ${name}, which the module does not declare`));
    }
    for (const [name, param] of target.params) {
      const optional = isOptionalParam(param);
      if (!optional && !call.params.has(name)) found.push(at(call.line, `does not pass the required parameter ${name}`));
    }
  }
  return found;
}
