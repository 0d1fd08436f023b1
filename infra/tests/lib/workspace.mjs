// A set of Bicep files read together, so imports and module references resolve, plus the resources
// and module calls they declare in a form the checks can read.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Evaluator, Expr, isExpr } from './evaluate.mjs';
import { line, parseBicepFile, stringValue } from './parse.mjs';

/** Every .bicep file below `dir`, skipping the folders named in `skip`. */
export function findBicepFiles(dir, skip = []) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(full) && entry.name !== 'node_modules') found.push(...findBicepFiles(full, skip));
    } else if (entry.name.endsWith('.bicep')) {
      found.push(full);
    }
  }
  return found.sort();
}

export class Workspace {
  #files = new Map();
  #evaluators = new Map();

  /** @param {string[]} paths the files under test (imports and modules they use are loaded on demand) */
  constructor(paths) {
    this.paths = paths.map((p) => path.resolve(p));
    for (const p of this.paths) this.file(p);
  }

  /** The parsed file at `filePath`, or undefined when it does not exist. */
  file(filePath) {
    const full = path.resolve(filePath);
    if (!this.#files.has(full)) this.#files.set(full, existsSync(full) ? parseBicepFile(full) : undefined);
    return this.#files.get(full);
  }

  get files() {
    return this.paths.map((p) => this.file(p));
  }

  evaluator(file) {
    if (!this.#evaluators.has(file)) this.#evaluators.set(file, new Evaluator(file, this));
    return this.#evaluators.get(file);
  }

  /** Every resource declared in the files under test, nested child resources included. */
  resources() {
    return this.files.flatMap((file) =>
      file.resourceNodes.flatMap((declaration) => readResource(file, this.evaluator(file), declaration.node)),
    );
  }

  /** Every module call in the files under test. */
  modules() {
    return this.files.flatMap((file) =>
      file.moduleNodes.map((declaration) => readModule(file, this.evaluator(file), declaration.node)),
    );
  }
}

/**
 * One declared resource. `instances` holds the body once per loop element (one entry when there is
 * no loop or the loop runs over a value only known at deployment time).
 */
function readResource(file, evaluator, node, parent) {
  const symbol = node.namedChildren[0].text;
  const typeLiteral = stringValue(node.namedChildren[1]);
  const [typeName, version] = typeLiteral.split('@');
  const type = parent ? `${parent.type}/${typeName}` : typeName;
  const apiVersion = version ?? parent?.apiVersion;
  const existing = node.children.some((c) => c.type === 'existing');
  let valueNode = node.namedChildren.at(-1);
  let condition;
  let looped = false;
  const bodies = [];
  const collect = (bodyNode, env) => {
    let target = bodyNode;
    if (target.type === 'if_statement') {
      condition = new Expr(evaluator.render(target.namedChildren[0], env));
      target = target.namedChildren.at(-1);
    }
    bodies.push({ node: target, env });
    return target;
  };
  if (valueNode.type === 'for_statement') {
    looped = true;
    evaluator.forEach(valueNode, new Map(), (body, env) => collect(body, env));
  } else {
    collect(valueNode, new Map());
  }
  const resource = {
    file: file.path,
    line: line(node),
    symbol,
    type,
    apiVersion,
    existing,
    condition,
    looped,
    nested: Boolean(parent),
    parentSymbol: parent?.symbol,
    node,
    bodyNode: bodies[0].node,
    instances: bodies.map(({ node: body, env }) => evaluator.value(body, env)),
  };
  if (!parent && isExpr(resource.instances[0]?.parent ?? null)) resource.parentSymbol = resource.instances[0].parent.text;
  const nested = bodies[0].node.namedChildren
    .filter((p) => p.type === 'object_property' && p.namedChildren[0]?.type === 'resource_declaration')
    .flatMap((p) => readResource(file, evaluator, p.namedChildren[0], resource));
  return [resource, ...nested];
}

function readModule(file, evaluator, node) {
  const symbol = node.namedChildren[0].text;
  const target = stringValue(node.namedChildren[1]);
  let body = node.namedChildren.at(-1);
  if (body.type === 'for_statement') body = body.childForFieldName('body') ?? body.namedChildren.at(-1);
  if (body.type === 'if_statement') body = body.namedChildren.at(-1);
  const paramsNode = body.namedChildren
    .filter((p) => p.type === 'object_property')
    .find((p) => p.namedChildren[0].text === 'params')?.namedChildren[1];
  const passed = new Map();
  for (const property of paramsNode?.namedChildren ?? []) {
    if (property.type !== 'object_property') continue;
    const [key, value] = property.namedChildren;
    passed.set(key.type === 'identifier' ? key.text : stringValue(key), { node: value, line: line(property) });
  }
  return {
    file: file.path,
    line: line(node),
    symbol,
    path: target && !target.includes(':') ? path.resolve(path.dirname(file.path), target) : undefined,
    params: passed,
    evaluator,
  };
}
