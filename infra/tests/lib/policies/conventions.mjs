// Azure Verified Modules conventions, on a template's compiled ARM JSON: every parameter says
// whether it is required and what it is for and is constrained where a constraint means something;
// every output and every property of an exported type is described. (Module calls passing unknown
// or missing parameters are compile errors now.)
export function checkConventions(template) {
  const found = [];
  const definitions = template.definitions ?? {};
  for (const [name, param] of Object.entries(template.parameters ?? {})) {
    const description = param.metadata?.description;
    const optional = 'defaultValue' in param || param.nullable === true;
    if (!description) found.push(`param ${name}: has no @description`);
    else if (!description.startsWith(optional ? 'Optional. ' : 'Required. ')) found.push(`param ${name}: description must start with '${optional ? 'Optional.' : 'Required.'}'`);
    found.push(...constraintProblems(param).map((p) => `param ${name}: ${p}`));
  }
  for (const [name, output] of Object.entries(template.outputs ?? {})) {
    if (!output.metadata?.description) found.push(`output ${name} has no @description`);
  }
  for (const [typeName, definition] of Object.entries(definitions)) {
    if (!definition.metadata?.['__bicep_export!']) continue;
    for (const [key, property] of Object.entries(definition.properties ?? {})) {
      const where = `type ${typeName}.${key}`;
      if (!property.metadata?.description) found.push(`${where}: has no @description`);
      found.push(...constraintProblems(property).map((p) => `${where}: ${p}`));
    }
  }
  return found;
}

/** Strings need allowed values or a maximum length, ints bounds, objects and arrays a declared type. */
function constraintProblems(declaration) {
  if (declaration.$ref || declaration.allowedValues || declaration.discriminator) return [];
  switch (declaration.type) {
    case 'string':
      return declaration.maxLength === undefined ? ['string without @allowed or @maxLength'] : [];
    case 'int':
      return declaration.minValue === undefined || declaration.maxValue === undefined ? ['int without @minValue and @maxValue'] : [];
    case 'object':
      return declaration.properties || declaration.additionalProperties ? [] : ['untyped object; declare a type so values are checked'];
    case 'array':
      return declaration.items ? [] : ['untyped array; declare a type so values are checked'];
    default:
      return [];
  }
}
