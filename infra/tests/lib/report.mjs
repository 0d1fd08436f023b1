// How a check reports what it found: one violation per problem, with the place to fix it.
import path from 'node:path';

/** A broken rule at a file and line. */
export function violation(rule, file, line, message) {
  return { rule, file, line, message };
}

/** Readable list for assertion messages, paths relative to the working directory. */
export function describe(violations) {
  return violations.map((v) => `${path.relative(process.cwd(), v.file)}:${v.line}  [${v.rule}] ${v.message}`).join('\n');
}

/** Walks every node below `node`. */
export function* walk(node) {
  yield node;
  for (const child of node.namedChildren) yield* walk(child);
}
