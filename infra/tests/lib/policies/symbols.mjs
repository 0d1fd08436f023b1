// What the Bicep compiler would reject before anything else: a name that refers to nothing, or a
// property read that the typed parameter does not have (`settings.serviceBus.lockDurtion`). ARM
// schemas cannot see these, since an expression is an opaque string to them.
import { typeProperties } from '../parse.mjs';
import { resolveType } from '../typecheck.mjs';
import { violation } from '../report.mjs';

const RULE = 'symbols';
// Namespaces and keywords that stand as identifiers in expressions.
const BUILT_IN = new Set(['az', 'sys', 'true', 'false', 'null']);

export function checkSymbols(workspace) {
  const found = [];
  for (const file of workspace.files) {
    const known = new Set([
      ...file.params.keys(), ...file.vars.keys(), ...file.types.keys(), ...file.functions.keys(),
      ...file.imports.flatMap((i) => [...i.symbols, ...(i.namespace ? [i.namespace] : [])]),
      ...file.moduleNodes.map((m) => m.name),
      ...resourceSymbols(file.root),
      ...BUILT_IN,
    ]);
    const report = (node, message) => found.push(violation(RULE, file.path, node.startPosition.row + 1, message));
    for (const node of file.root.namedChildren) visitDeclaration(workspace, file, node, known, report);
  }
  return found;
}

function resourceSymbols(node) {
  const symbols = [];
  const visit = (n) => {
    if (n.type === 'resource_declaration') symbols.push(n.namedChildren[0].text);
    n.namedChildren.forEach(visit);
  };
  visit(node);
  return symbols;
}

function visitDeclaration(workspace, file, node, known, report) {
  switch (node.type) {
    case 'parameter_declaration':
    case 'output_declaration':
    case 'variable_declaration':
    case 'resource_declaration':
    case 'module_declaration':
    {
      // Not expressions: the declared name, a resource's type string or a module's path, and types
      // (which `visit` skips).
      const first = node.type === 'resource_declaration' || node.type === 'module_declaration' ? 2 : 1;
      for (const child of node.namedChildren.slice(first)) visit(workspace, file, child, known, report);
      return;
    }
    case 'user_defined_function': {
      const scope = new Set(known);
      node.namedChildren.find((c) => c.type === 'parameters')?.namedChildren.forEach((p) => scope.add(p.namedChildren[0]?.text));
      const body = node.namedChildren.at(-1);
      return visit(workspace, file, body, scope, report);
    }
    default:
      return undefined;
  }
}

function visit(workspace, file, node, known, report) {
  switch (node.type) {
    case 'identifier':
      if (!known.has(node.text)) report(node, `'${node.text}' is not declared`);
      return;
    case 'type':
    case 'decorators':
    case 'lambda_expression': // the grammar splits lambdas oddly; their bodies are left to the compiler
      return;
    case 'object_property': {
      const [key, value] = node.namedChildren;
      if (key.type === 'resource_declaration') return visitDeclaration(workspace, file, key, known, report);
      if (key.type !== 'identifier') visit(workspace, file, key, known, report);
      if (value) visit(workspace, file, value, known, report);
      return;
    }
    case 'call_expression': {
      // Function names are ARM's or the file's own; only the object of `x.method()` is a symbol.
      const fn = node.childForFieldName('function');
      if (fn?.type === 'member_expression') visit(workspace, file, fn.childForFieldName('object'), known, report);
      const args = node.childForFieldName('arguments');
      if (args) args.namedChildren.forEach((a) => visit(workspace, file, a, known, report));
      return;
    }
    case 'member_expression':
      checkMemberChain(workspace, file, node, report);
      return visit(workspace, file, node.childForFieldName('object'), known, report);
    case 'for_statement': {
      const named = node.namedChildren;
      const head = named[0];
      const scope = new Set(known);
      if (head.type === 'for_loop_parameters') head.namedChildren.forEach((c) => scope.add(c.text));
      else scope.add(head.text);
      visit(workspace, file, named[1], known, report);
      return visit(workspace, file, node.childForFieldName('body') ?? named.at(-1), scope, report);
    }
    case 'resource_declaration':
      return visitDeclaration(workspace, file, node, known, report);
    default:
      for (const child of node.namedChildren) visit(workspace, file, child, known, report);
  }
}

/** `param.a.b.c` on a parameter of a user-defined type: every step must be a declared property. */
function checkMemberChain(workspace, file, node, report) {
  const steps = [];
  let cursor = node;
  while (cursor.type === 'member_expression') {
    steps.unshift(cursor.childForFieldName('property').text);
    cursor = cursor.childForFieldName('object');
  }
  // Only the outermost member expression of a chain checks it, and only from a typed parameter.
  const parent = node.parent;
  if (parent?.type === 'member_expression' && parent.childForFieldName('object')?.startIndex === node.startIndex && parent.childForFieldName('object')?.endIndex === node.endIndex) return;
  if (cursor.type !== 'identifier') return;
  const param = file.params.get(cursor.text);
  if (!param) return;
  let typeNode = param.typeNode;
  let typeFile = file;
  let where = cursor.text;
  for (const step of steps) {
    const resolved = objectTypeOf(workspace, typeFile, typeNode);
    if (!resolved) return;
    const property = propertiesOf(resolved.node).get(step);
    if (!property) {
      report(node, `${where} has no property '${step}'`);
      return;
    }
    ({ file: typeFile } = resolved);
    typeNode = property;
    where += `.${step}`;
  }
}

function objectTypeOf(workspace, file, typeNode) {
  let node = typeNode;
  let owner = file;
  for (let depth = 0; node && depth < 20; depth += 1) {
    if (['type', 'nullable_type', 'parenthesized_type'].includes(node.type)) node = node.namedChildren[0];
    else if (node.type === 'identifier') {
      const resolved = resolveType(workspace, owner, node.text);
      if (!resolved) return undefined;
      owner = resolved.file;
      node = resolved.declaration.typeNode;
    } else if (node.type === 'object') return { node, file: owner };
    else return undefined;
  }
  return undefined;
}

function propertiesOf(objectNode) {
  return new Map(typeProperties(objectNode).map((p) => [p.key, p.typeNode]));
}
