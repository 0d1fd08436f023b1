// Validates resource bodies against the official ARM JSON schemas (draft-04), made strict: every
// object that lists its properties rejects any other, so a misspelt property name fails.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { toArmJson } from './evaluate.mjs';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04');

const EXPRESSION_REF = 'common/definitions.json#/definitions/expression';

// Bicep-only keys of a resource body; ARM gets them another way (nesting, dependsOn, extension scope).
const BICEP_ONLY = new Set(['parent', 'scope', 'dependsOn']);

export class ArmSchemas {
  #ajv;
  #index = new Map();
  #validators = new Map();

  /** @param {string} root folder laid out as schema.management.azure.com/schemas/ */
  constructor(root) {
    this.root = root;
    this.#ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
    this.#ajv.addSchema(readJson(path.join(root, 'common', 'definitions.json')));
    for (const version of readdirSync(root).filter((d) => /^\d{4}-\d{2}-\d{2}/.test(d))) {
      for (const name of readdirSync(path.join(root, version)).filter((f) => f.endsWith('.json'))) {
        const schema = readJson(path.join(root, version, name));
        if (!Object.keys(schema).some((k) => k.endsWith('resourceDefinitions'))) continue;
        this.#ajv.addSchema(strict(schema));
        this.#indexDefinitions(schema);
      }
    }
  }

  /**
   * Folder of the vendored schemas: $ARM_SCHEMAS_DIR, else `../shared/data/arm-schemas` next to the
   * repository (or next to its main checkout when this is a linked worktree); undefined when absent.
   */
  static locate(repoRoot) {
    const candidates = [process.env.ARM_SCHEMAS_DIR, path.resolve(repoRoot, '..', 'shared', 'data', 'arm-schemas')];
    const commonGitDir = gitCommonDir(repoRoot);
    if (commonGitDir) candidates.push(path.resolve(commonGitDir, '..', '..', 'shared', 'data', 'arm-schemas'));
    return candidates.find((c) => c && existsSync(path.join(c, 'common', 'definitions.json')));
  }

  /** The schema entry for a type and apiVersion at a deployment scope, or undefined. */
  find(type, apiVersion, targetScope = 'resourceGroup') {
    const key = `${type.toLowerCase()}@${apiVersion}`;
    const entries = this.#index.get(key) ?? [];
    const preferred = { subscription: 'subscription_', tenant: 'tenant_', managementGroup: 'managementGroup_' }[targetScope] ?? '';
    return entries.find((e) => e.section === `${preferred}resourceDefinitions`) ?? entries.find((e) => e.section === 'resourceDefinitions') ?? entries[0];
  }

  /** True when the schema of that type declares a `tags` property (child resources and role assignments do not). */
  supportsTags(entry) {
    const definition = entry.definition;
    return Boolean(definition.properties?.tags ?? definition.oneOf?.some((b) => b.properties?.tags));
  }

  /**
   * Validates one resource instance; returns readable problems (empty when valid). A child's literal
   * name is tried both alone (as Bicep writes it) and as `parent/name` (as ARM templates write it),
   * because the published schemas use both conventions.
   */
  validate(resource, body, targetScope) {
    const entry = this.find(resource.type, resource.apiVersion, targetScope);
    if (!entry) return [`no ARM schema for ${resource.type}@${resource.apiVersion}`];
    const json = armResource(resource, body);
    const validate = this.#validator(entry);
    if (validate(json)) return [];
    const problems = summarize(validate.errors);
    if (resource.type.split('/').length > 2 && typeof json.name === 'string' && !json.name.startsWith('[')) {
      if (validate({ ...json, name: `parent/${json.name}` })) return [];
    }
    return problems;
  }

  #validator(entry) {
    if (!this.#validators.has(entry.ref)) this.#validators.set(entry.ref, this.#ajv.compile({ $ref: entry.ref }));
    return this.#validators.get(entry.ref);
  }

  #indexDefinitions(schema) {
    const id = schema.id.replace(/#$/, '');
    for (const [section, definitions] of Object.entries(schema)) {
      if (!section.endsWith('resourceDefinitions')) continue;
      for (const [name, definition] of Object.entries(definitions)) {
        const type = definition.properties?.type?.enum?.[0];
        const apiVersion = definition.properties?.apiVersion?.enum?.[0];
        if (!type || !apiVersion) continue;
        const key = `${type.toLowerCase()}@${apiVersion}`;
        if (!this.#index.has(key)) this.#index.set(key, []);
        this.#index.get(key).push({ section, name, definition, ref: `${id}#/${section}/${name}` });
      }
    }
  }
}

/** The ARM JSON form of a Bicep resource body. */
export function armResource(resource, body) {
  const json = { type: resource.type, apiVersion: resource.apiVersion };
  for (const [key, value] of Object.entries(body)) {
    if (!BICEP_ONLY.has(key)) json[key] = toArmJson(value);
  }
  return json;
}

/** A copy of a provider schema where every object that lists its properties allows no others. */
export function strict(schema) {
  const copy = structuredClone(schema);
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const branches = node.oneOf ?? node.anyOf;
    if (node.properties && typeof node.properties === 'object' && branches) {
      // A resource whose forms differ by name: each form gets the shared properties, then is closed.
      for (const branch of branches) {
        if (branch.properties) {
          branch.properties = { ...node.properties, ...branch.properties };
          branch.required = [...new Set([...(node.required ?? []), ...(branch.required ?? [])])];
        }
      }
    } else if (node.properties && typeof node.properties === 'object' && !('additionalProperties' in node)) {
      node.additionalProperties = false;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'properties' && typeof child === 'object') Object.values(child).forEach(visit);
      else if (key !== 'enum') visit(child);
    }
  };
  for (const [key, value] of Object.entries(copy)) {
    if (key === 'definitions' || key.endsWith('resourceDefinitions')) Object.values(value).forEach(visit);
  }
  return copy;
}

/** Ajv's errors without the noise of the "or an expression" alternatives. */
function summarize(errors) {
  const messages = new Set();
  const specific = errors.filter(
    (e) => !e.schemaPath.includes(EXPRESSION_REF) && !['oneOf', 'anyOf', 'if'].includes(e.keyword),
  );
  for (const error of specific.length > 0 ? specific : errors) {
    const where = error.instancePath || '(resource)';
    if (error.keyword === 'additionalProperties') {
      messages.add(`${where}: unknown property '${error.params.additionalProperty}'`);
    } else if (error.keyword === 'enum') {
      messages.add(`${where}: must be one of ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
    } else {
      messages.add(`${where}: ${error.message}`);
    }
  }
  return [...messages];
}

function gitCommonDir(repoRoot) {
  try {
    const out = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

