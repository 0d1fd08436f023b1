// The pinned Bicep compiler, driven over its JSON-RPC interface (`bicep jsonrpc --stdio`): one
// compiler process per test file answers every compile, parameter build and snapshot, so each check
// costs milliseconds instead of a process start. infra/tools/bicep restores and locates the binary.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { infraDir } from './repo.mjs';

export const bicepScript = path.join(infraDir, 'tools', 'bicep');

let binary;
/** Path of the compiler binary; restores it from NuGet on first use. */
export function bicepBinary() {
  if (!binary) {
    const located = spawnSync(bicepScript, ['--path'], { encoding: 'utf8' });
    if (located.status !== 0) throw new Error(`infra/tools/bicep --path failed:\n${located.stderr}`);
    binary = located.stdout.trim();
  }
  return binary;
}

class JsonRpcCompiler {
  #child;
  #buffer = Buffer.alloc(0);
  #pending = new Map();
  #nextId = 0;

  constructor(file) {
    this.#child = spawn(file, ['jsonrpc', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.#child.stdout.on('data', (chunk) => this.#receive(chunk));
    this.#child.on('exit', (code) => {
      for (const { reject } of this.#pending.values()) reject(new Error(`the Bicep compiler exited (${code})`));
      this.#pending.clear();
    });
    this.#idle();
  }

  // Headers, a blank line, then the JSON body: the framing StreamJsonRpc speaks by default.
  #receive(chunk) {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length:\s*(\d+)/i.exec(this.#buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (this.#buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.#buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.#buffer = this.#buffer.subarray(end + 4 + length);
      const waiting = this.#pending.get(message.id);
      if (!waiting) continue;
      this.#pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`${message.error.message}: ${JSON.stringify(message.error.data ?? {})}`));
      else waiting.resolve(message.result);
      if (this.#pending.size === 0) this.#idle();
    }
  }

  // The process must not keep a finished test file alive, but must while a request is in flight.
  #idle() {
    this.#child.unref();
    this.#child.stdout.unref?.();
    this.#child.stdin.unref?.();
  }

  #busy() {
    this.#child.ref();
    this.#child.stdout.ref?.();
    this.#child.stdin.ref?.();
  }

  call(method, params) {
    const id = ++this.#nextId;
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, method, params }), 'utf8');
    this.#busy();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      this.#child.stdin.write(body);
    });
  }
}

let rpc;
function compiler() {
  rpc ??= new JsonRpcCompiler(bicepBinary());
  return rpc;
}

/** Compiler version, e.g. "0.49.2". */
export async function bicepVersion() {
  return (await compiler().call('bicep/version', {})).version;
}

/**
 * Compiles a .bicep file with the configuration (bicepconfig.json) found beside it, linter included.
 * @returns {{ success: boolean, diagnostics: Diagnostic[], template: object | undefined }}
 */
export async function compile(file) {
  const result = await compiler().call('bicep/compile', { path: path.resolve(file) });
  return { success: result.success, diagnostics: result.diagnostics, template: result.contents ? JSON.parse(result.contents) : undefined };
}

/**
 * Builds a .bicepparam file: its values type-checked against the template its `using` names.
 * @returns {{ success: boolean, diagnostics: Diagnostic[], parameters: object | undefined, template: object | undefined }}
 */
export async function compileParams(file) {
  const result = await compiler().call('bicep/compileParams', { path: path.resolve(file), parameterOverrides: {} });
  return {
    success: result.success,
    diagnostics: result.diagnostics,
    parameters: result.parameters ? JSON.parse(result.parameters) : undefined,
    template: result.template ? JSON.parse(result.template) : undefined,
  };
}

/** Placeholder ids of the deployment a snapshot is evaluated for. */
export const SNAPSHOT_SCOPE = {
  tenantId: '11111111-1111-1111-1111-111111111111',
  subscriptionId: '22222222-2222-2222-2222-222222222222',
};

/**
 * What ARM would deploy for a .bicepparam file: the compiled template evaluated with its parameters
 * (modules and loops expanded, names and values computed; values known only at deployment stay as
 * `[reference(...)]` expressions).
 * @param metadata { location, resourceGroup? } of the deployment
 * @returns {{ predictedResources: object[], diagnostics: object[], outputs: object }}
 */
export async function snapshot(file, metadata) {
  const result = await compiler().call('bicep/getSnapshot', {
    path: path.resolve(file),
    metadata: { ...SNAPSHOT_SCOPE, managementGroupId: null, resourceGroup: null, deploymentName: 'snapshot', ...metadata },
    externalInputs: null,
  });
  return JSON.parse(result.snapshot);
}

/** One line per diagnostic: `file(line,col) : Level code: message`, as the command line prints them. */
export function describeDiagnostics(diagnostics) {
  return diagnostics
    .map((d) => `${path.relative(process.cwd(), d.source)}(${d.range.start.line + 1},${d.range.start.char + 1}) : ${d.level} ${d.code}: ${d.message}`)
    .join('\n');
}
