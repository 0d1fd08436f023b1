// Turns Bicep syntax into values the checks can read: literals become JSON, variables and imported
// variables are folded in, loops over known arrays are expanded, and whatever depends on deployment
// time (parameters, resource properties, most functions) stays an expression, rendered the way ARM
// writes one: "[...]". The ARM schemas accept such strings wherever an expression may stand.
import { decodeEscape, stringValue } from './parse.mjs';

/** A value only known at deployment time, kept as (partially folded) source text. */
export class Expr {
  constructor(text) {
    this.text = text.replace(/\s+/g, ' ').trim();
  }

  toString() {
    return this.text;
  }
}

export const isExpr = (value) => value instanceof Expr;

/** True when no part of the value depends on deployment time. */
export function isConstant(value) {
  if (isExpr(value)) return false;
  if (Array.isArray(value)) return value.every(isConstant);
  if (value && typeof value === 'object') return Object.values(value).every(isConstant);
  return true;
}

/** The value as ARM template JSON: expressions become "[...]" strings. */
export function toArmJson(value) {
  if (isExpr(value)) return `[${value.text.startsWith('[') ? ' ' : ''}${value.text}]`;
  if (Array.isArray(value)) return value.map(toArmJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toArmJson(v)]));
  }
  return value;
}

// Pure functions whose result is known when their arguments are; anything else stays an expression.
const pureFunctions = {
  union: (...args) =>
    args.every(Array.isArray) ? [...new Set(args.flat())] : Object.assign({}, ...args),
  concat: (...args) => (args.every(Array.isArray) ? args.flat() : args.join('')),
  items: (obj) =>
    Object.keys(obj)
      .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))
      .map((key) => ({ key, value: obj[key] })),
  toLower: (s) => s.toLowerCase(),
  toUpper: (s) => s.toUpperCase(),
  take: (s, n) => s.slice(0, n),
  empty: (v) => (typeof v === 'string' || Array.isArray(v) ? v.length === 0 : Object.keys(v ?? {}).length === 0),
  length: (v) => (typeof v === 'string' || Array.isArray(v) ? v.length : Object.keys(v).length),
};

/** Evaluates expressions of one file; `workspace.file(path)` resolves imports. */
export class Evaluator {
  #memo = new Map();
  #evaluating = new Set();

  constructor(file, workspace) {
    this.file = file;
    this.workspace = workspace;
  }

  /** Value of any expression node under loop-variable bindings `env`. */
  value(node, env = new Map()) {
    switch (node.type) {
      case 'string': {
        const literal = stringValue(node);
        return literal !== undefined ? literal : this.#interpolated(node, env);
      }
      case 'number':
        return Number(node.text);
      case 'boolean':
        return node.text === 'true';
      case 'null':
        return null;
      case 'object':
        return this.#object(node, env);
      case 'array':
        return node.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.value(c, env));
      case 'for_statement':
        return this.forEach(node, env, (body, scope) => this.value(body, scope));
      case 'parenthesized_expression':
        return this.value(node.namedChildren[0], env);
      case 'identifier':
        return this.symbol(node.text, env) ?? new Expr(node.text);
      case 'member_expression':
        return this.#member(node, env);
      case 'subscript_expression':
        return this.#subscript(node, env);
      case 'call_expression':
        return this.#call(node, env);
      case 'ternary_expression': {
        const condition = this.value(node.childForFieldName('condition'), env);
        if (typeof condition === 'boolean') {
          return this.value(node.childForFieldName(condition ? 'consequence' : 'alternative'), env);
        }
        return new Expr(this.#renderParts(node, env));
      }
      case 'unary_expression': {
        const operand = this.value(node.childForFieldName('argument'), env);
        const operator = node.childForFieldName('operator')?.text;
        if (operator === '-' && typeof operand === 'number') return -operand;
        if (operator === '!' && typeof operand === 'boolean') return !operand;
        return new Expr(this.#renderParts(node, env));
      }
      default:
        return new Expr(this.#renderParts(node, env));
    }
  }

  /**
   * Expands `[for x in items: body]`: once per element when the items are known, else once with the
   * loop variable left as an expression (so the body's shape is still checked).
   */
  forEach(forNode, env, map) {
    const named = forNode.namedChildren.filter((c) => c.type !== 'comment');
    const body = forNode.childForFieldName('body') ?? named.at(-1);
    const head = named[0];
    let itemName;
    let indexName;
    if (head.type === 'for_loop_parameters') {
      itemName = head.namedChildren.find((c) => c.type === 'loop_variable')?.text;
      indexName = head.namedChildren.find((c) => c.type === 'loop_enumerator')?.text;
    } else {
      itemName = head.text;
    }
    const iterable = this.value(named[1], env);
    if (!Array.isArray(iterable)) {
      const scope = new Map(env);
      scope.set(itemName, new Expr(itemName));
      if (indexName) scope.set(indexName, new Expr(indexName));
      return [map(body, scope)];
    }
    return iterable.map((item, index) => {
      const scope = new Map(env);
      scope.set(itemName, item);
      if (indexName) scope.set(indexName, index);
      return map(body, scope);
    });
  }

  /** Value of a name: loop variable, variable, imported variable; undefined for params/resources. */
  symbol(name, env = new Map()) {
    if (env.has(name)) return env.get(name);
    const declared = this.file.vars.get(name);
    if (declared) return this.variable(name);
    for (const imported of this.file.imports) {
      if (imported.symbols.includes(name)) {
        const target = this.workspace.file(imported.path);
        if (target?.vars.has(name)) return this.workspace.evaluator(target).variable(name);
      }
      if (imported.namespace === name) return new Expr(name);
    }
    return undefined;
  }

  /** Value of a file-level variable (memoized; cycles stay expressions). */
  variable(name) {
    if (this.#memo.has(name)) return this.#memo.get(name);
    if (this.#evaluating.has(name)) return new Expr(name);
    this.#evaluating.add(name);
    const result = this.value(this.file.vars.get(name).valueNode);
    this.#evaluating.delete(name);
    this.#memo.set(name, result);
    return result;
  }

  /**
   * Source text of a node with every sub-expression whose value is a known scalar replaced by that
   * value, so `roleId(role)` inside a loop renders as `roleId('b7e6...')`.
   */
  render(node, env = new Map()) {
    if (['identifier', 'member_expression', 'subscript_expression'].includes(node.type)) {
      const folded = this.#scalar(node, env);
      if (folded !== undefined) return folded;
    }
    return this.#renderParts(node, env);
  }

  /** The node's own text with its children rendered (the node itself is not folded). */
  #renderParts(node, env) {
    if (node.namedChildCount === 0) return node.text;
    let text = '';
    let cursor = node.startIndex;
    const source = this.file.source;
    for (const child of node.namedChildren) {
      text += source.slice(cursor, child.startIndex) + this.render(child, env);
      cursor = child.endIndex;
    }
    return text + source.slice(cursor, node.endIndex);
  }

  #scalar(node, env) {
    const value = node.type === 'identifier' ? this.symbol(node.text, env) : this.value(node, env);
    if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
  }

  #interpolated(node, env) {
    const parts = node.namedChildren.map((part) => {
      if (part.type === 'interpolation') return this.value(part.namedChildren[0], env);
      return part.type === 'escape_sequence' ? decodeEscape(part.text) : part.text;
    });
    if (parts.every((p) => typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean')) {
      return parts.join('');
    }
    return new Expr(this.#renderParts(node, env));
  }

  #object(node, env) {
    const result = {};
    for (const property of node.namedChildren) {
      if (property.type !== 'object_property') continue;
      const [keyNode, valueNode] = property.namedChildren;
      // A nested child resource sits in the body but is not part of it.
      if (keyNode.type === 'resource_declaration') continue;
      let key = keyNode.type === 'identifier' ? keyNode.text : this.value(keyNode, env);
      if (isExpr(key)) key = `[${key.text}]`;
      result[key] = this.value(valueNode, env);
    }
    return result;
  }

  #member(node, env) {
    const objectNode = node.childForFieldName('object');
    const propertyNode = node.childForFieldName('property');
    const target = this.value(objectNode, env);
    if (target && typeof target === 'object' && !isExpr(target) && propertyNode && propertyNode.text in target) {
      return target[propertyNode.text];
    }
    return new Expr(this.#renderParts(node, env));
  }

  #subscript(node, env) {
    const target = this.value(node.childForFieldName('object'), env);
    const index = this.value(node.childForFieldName('index'), env);
    if (target && typeof target === 'object' && !isExpr(target) && !isExpr(index) && index in target) {
      return target[index];
    }
    return new Expr(this.#renderParts(node, env));
  }

  #call(node, env) {
    const fn = node.childForFieldName('function');
    const name = fn?.type === 'member_expression' ? fn.childForFieldName('property').text : fn?.text;
    const argNodes = node.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
    const implementation = pureFunctions[name];
    if (implementation) {
      const args = argNodes.map((a) => this.value(a, env));
      // Objects may carry expression values (their keys are still known); scalars must be known.
      const known = args.every((a) => !isExpr(a));
      if (known) return implementation(...args);
    }
    return new Expr(this.#renderParts(node, env));
  }
}
