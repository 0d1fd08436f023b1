// Regions come from the stamp's parameter file only: a template that names a region would deploy a
// tenant's data somewhere its stamp does not say.
import { isExpr } from '../evaluate.mjs';
import { stringValue } from '../parse.mjs';
import { isAzureRegion } from '../regions.mjs';
import { violation, walk } from '../report.mjs';

const RULE = 'no-hard-coded-location';

export function checkLocations(workspace) {
  const found = [];
  for (const file of workspace.files) {
    for (const node of walk(file.root)) {
      if (node.type !== 'string') continue;
      const text = stringValue(node);
      if (text !== undefined && isAzureRegion(text)) {
        found.push(violation(RULE, file.path, node.startPosition.row + 1, `region '${text}' written in the template; take it from the stamp settings`));
      }
    }
    for (const [name, param] of file.params) {
      if (/location|region/i.test(name) && param.defaultNode && stringValue(param.defaultNode) !== undefined) {
        found.push(violation(RULE, file.path, param.line, `parameter ${name} defaults to the literal '${stringValue(param.defaultNode)}'`));
      }
    }
  }
  for (const resource of workspace.resources().filter((r) => !r.existing)) {
    for (const body of resource.instances) {
      const location = body.location;
      if (location !== undefined && !isExpr(location) && location !== 'global') {
        found.push(violation(RULE, resource.file, resource.line, `${resource.symbol} has the fixed location ${JSON.stringify(location)}`));
      }
    }
  }
  return found;
}
