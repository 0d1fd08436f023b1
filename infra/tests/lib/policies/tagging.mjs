// Every resource that can carry tags carries the stamp's tags: environment, region, workload, owner.
import { resolveType } from '../typecheck.mjs';
import { stringValue } from '../parse.mjs';
import { violation } from '../report.mjs';

const RULE = 'tags';
export const REQUIRED_TAGS = ['environment', 'region', 'workload', 'owner'];

/**
 * @param schemas ArmSchemas or undefined; without them, top-level types other than role assignments
 * count as taggable (child resources and role assignments cannot carry tags).
 */
export function checkTags(workspace, schemas) {
  const found = [];
  for (const resource of workspace.resources().filter((r) => !r.existing)) {
    const file = workspace.file(resource.file);
    if (!taggable(resource, schemas, file.targetScope)) continue;
    const tagsNode = propertyNode(resource.bodyNode, 'tags');
    if (!tagsNode) {
      found.push(violation(RULE, resource.file, resource.line, `${resource.symbol} (${resource.type}) has no tags`));
      continue;
    }
    const keys = tagKeys(workspace, file, tagsNode);
    const missing = keys ? REQUIRED_TAGS.filter((t) => !keys.has(t)) : REQUIRED_TAGS;
    if (missing.length > 0) {
      const why = keys ? `lacks ${missing.join(', ')}` : 'are not known to include the required tags (use the StampTags type)';
      found.push(violation(RULE, resource.file, resource.line, `${resource.symbol} (${resource.type}): tags ${why}`));
    }
  }
  return found;
}

function taggable(resource, schemas, targetScope) {
  const entry = schemas?.find(resource.type, resource.apiVersion, targetScope);
  if (entry) return schemas.supportsTags(entry);
  return resource.type.split('/').length === 2 && !/^Microsoft\.Authorization\//i.test(resource.type);
}

/** The value node of `name:` in an object node. */
export function propertyNode(objectNode, name) {
  for (const property of objectNode?.namedChildren ?? []) {
    if (property.type !== 'object_property') continue;
    const [key, value] = property.namedChildren;
    if ((key.type === 'identifier' ? key.text : stringValue(key)) === name) return value;
  }
  return undefined;
}

/** Tag names a tags expression is known to contain, or undefined when it cannot be told. */
function tagKeys(workspace, file, node) {
  switch (node.type) {
    case 'object':
      return new Set(node.namedChildren.filter((p) => p.type === 'object_property').map((p) => p.namedChildren[0].text.replace(/^'|'$/g, '')));
    case 'identifier': {
      const variable = file.vars.get(node.text);
      if (variable) return tagKeys(workspace, file, variable.valueNode);
      const param = file.params.get(node.text);
      const typeName = param?.typeNode?.namedChildren[0];
      if (typeName?.type !== 'identifier') return undefined;
      const resolved = resolveType(workspace, file, typeName.text);
      return resolved ? tagKeys(workspace, resolved.file, resolved.declaration.typeNode) : undefined;
    }
    case 'call_expression': {
      // union(a, b, ...) has every tag any argument has.
      if (node.childForFieldName('function')?.text !== 'union') return undefined;
      const sets = node.childForFieldName('arguments').namedChildren.map((a) => tagKeys(workspace, file, a));
      return new Set(sets.filter(Boolean).flatMap((s) => [...s]));
    }
    default:
      return undefined;
  }
}
