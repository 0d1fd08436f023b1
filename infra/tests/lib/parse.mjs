// Parses Bicep files with the tree-sitter-bicep grammar and indexes their top-level declarations.
// No Bicep compiler runs here, so this syntax tree is what every other check works from.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter');
const Bicep = require('tree-sitter-bicep');

const parser = new Parser();
parser.setLanguage(Bicep);

/** One parsed .bicep file and its declarations, by kind and name. */
export class BicepFile {
  constructor(filePath, source) {
    this.path = filePath;
    this.source = source;
    // tree-sitter's default buffer is too small for larger files: size it to the source.
    this.tree = parser.parse(source, undefined, { bufferSize: Math.max(32 * 1024, source.length * 4) });
    this.root = this.tree.rootNode;
    this.targetScope = 'resourceGroup';
    this.params = new Map();
    this.vars = new Map();
    this.types = new Map();
    this.outputs = new Map();
    this.functions = new Map();
    this.imports = [];
    this.resourceNodes = [];
    this.moduleNodes = [];
    this.#index();
  }

  /** ERROR and MISSING nodes: where the grammar could not make sense of the text. */
  syntaxProblems() {
    const problems = [];
    const visit = (node) => {
      if (node.type === 'ERROR' || node.isMissing) {
        const what = node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.slice(0, 40))}`;
        problems.push({ file: this.path, line: line(node), message: `syntax error: ${what}` });
        if (node.type === 'ERROR') return;
      }
      for (const child of node.children) visit(child);
    };
    visit(this.root);
    return problems;
  }

  #index() {
    let pending = [];
    for (const node of this.root.namedChildren) {
      if (node.type === 'decorators') {
        pending = pending.concat(readDecorators(node));
        continue;
      }
      if (node.type === 'comment' || node.type === 'diagnostic_comment') continue;
      const decorators = pending;
      pending = [];
      const name = node.namedChildren.find((c) => c.type === 'identifier')?.text;
      const declaration = { name, node, decorators, line: line(node) };
      switch (node.type) {
        case 'target_scope_assignment':
          this.targetScope = stringValue(node.namedChildren[0]) ?? this.targetScope;
          break;
        case 'parameter_declaration': {
          const [, typeNode, defaultNode] = node.namedChildren;
          this.params.set(name, { ...declaration, typeNode, defaultNode });
          break;
        }
        case 'variable_declaration':
          this.vars.set(name, { ...declaration, valueNode: node.namedChildren.at(-1) });
          break;
        case 'type_declaration':
          this.types.set(name, { ...declaration, typeNode: node.namedChildren.at(-1) });
          break;
        case 'output_declaration': {
          const [, typeNode, valueNode] = node.namedChildren;
          this.outputs.set(name, { ...declaration, typeNode, valueNode });
          break;
        }
        case 'user_defined_function':
          this.functions.set(node.childForFieldName('name')?.text ?? name, declaration);
          break;
        case 'import_functionality':
          this.imports.push(readImport(node, this.path));
          break;
        case 'resource_declaration':
          this.resourceNodes.push(declaration);
          break;
        case 'module_declaration':
          this.moduleNodes.push(declaration);
          break;
        default:
          break;
      }
    }
  }
}

/** Reads and parses one file. */
export function parseBicepFile(filePath) {
  return new BicepFile(filePath, readFileSync(filePath, 'utf8'));
}

/** 1-based line of a node, for messages a reader can jump to. */
export function line(node) {
  return node.startPosition.row + 1;
}

/** True when a parameter may be left out: it has a default or a nullable type. */
export function isOptionalParam(param) {
  return Boolean(param.defaultNode) || param.typeNode?.namedChildren[0]?.type === 'nullable_type';
}

/** Decorators of a `decorators` node as { name, args: [argument nodes] }. */
export function readDecorators(decoratorsNode) {
  return decoratorsNode.namedChildren
    .filter((d) => d.type === 'decorator')
    .map((d) => {
      const call = d.namedChildren[0];
      const fn = call.childForFieldName('function') ?? call.namedChildren[0];
      const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
      // `@sys.description(...)` names the namespace; the decorator is the last segment.
      const name = fn.type === 'member_expression' ? fn.childForFieldName('property').text : fn.text;
      return { name, args, node: d };
    });
}

/** The decorator of that name, or undefined. */
export function decorator(declaration, name) {
  return declaration.decorators.find((d) => d.name === name);
}

/**
 * Properties of an object type (`{ @description('...') name: string, ... }`) in order, each with the
 * decorators written above it.
 */
export function typeProperties(objectTypeNode) {
  const properties = [];
  let pending = [];
  for (const child of objectTypeNode.namedChildren) {
    if (child.type === 'decorators') {
      pending = pending.concat(readDecorators(child));
    } else if (child.type === 'object_property') {
      const [keyNode, typeNode] = child.namedChildren;
      const key = keyNode.type === 'string' ? stringValue(keyNode) : keyNode.text;
      properties.push({ key, typeNode, decorators: pending, node: child });
      pending = [];
    }
  }
  return properties;
}

/** The text of a string literal without interpolation (escapes decoded), or undefined for anything else. */
export function stringValue(node) {
  if (!node || node.type !== 'string') return undefined;
  // Multi-line strings ('''...''') have no escapes or interpolation and keep their text verbatim.
  if (node.text.startsWith("'''")) return node.text.slice(3, -3).replace(/^\r?\n/, '');
  let text = '';
  for (const part of node.namedChildren) {
    if (part.type === 'string_content') text += part.text;
    else if (part.type === 'escape_sequence') text += decodeEscape(part.text);
    else return undefined;
  }
  return text;
}

/** The character an escape sequence such as \\' or \\u{1F600} stands for. */
export function decodeEscape(sequence) {
  const simple = { "\\'": "'", '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t', '\\$': '$' };
  if (sequence in simple) return simple[sequence];
  const unicode = /^\\u\{([0-9a-fA-F]+)\}$/.exec(sequence);
  return unicode ? String.fromCodePoint(parseInt(unicode[1], 16)) : sequence;
}

function readImport(node, fromPath) {
  const target = stringValue(node.namedChildren.find((c) => c.type === 'string'));
  const symbols = node.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
  // `import * as ns from 'x'` has a single identifier (the namespace) and a `*` token.
  const wildcard = node.children.some((c) => c.type === '*');
  return {
    path: path.resolve(path.dirname(fromPath), target),
    symbols: wildcard ? [] : symbols,
    namespace: wildcard ? symbols[0] : undefined,
    line: line(node),
  };
}
