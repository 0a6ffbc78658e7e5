import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.join(__dirname, '..', '..');

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** Everything the process wrote so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** Starts `src/main/<entry>.ts` as the README's `npm start` does, with `env` added. */
export function startService(entry: string, env: Record<string, string>, port: number): ServiceProcess {
  const args = [path.join(root, 'node_modules/tsx/dist/cli.mjs'), ...serviceNodeArgs(), `src/main/${entry}.ts`];
  return spawnService(args, { ...cleanEnv(), LOG_LEVEL: 'warn', ...env }, port);
}

/**
 * SERVICE_NODE_ARGS passes Node options NODE_OPTIONS refuses, e.g. to profile a bench's service:
 * SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npx tsx bench/inbound-telegram.ts
 */
export function serviceNodeArgs(): string[] {
  return process.env.SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
}

/** `node <args>` in the project's root on `port`, its output captured. */
export function spawnService(args: readonly string[], env: Record<string, string>, port: number): ServiceProcess {
  const child = spawn(process.execPath, [...args], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Polls `url` until it answers `status`, or fails after `timeoutMs` with what the process said. */
export async function waitForStatus(service: ServiceProcess, urlPath: string, status: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = false;
  void service.exited.then(() => (exitedEarly = true));
  while (Date.now() < deadline && !exitedEarly) {
    try {
      const response = await fetch(service.baseUrl + urlPath);
      if (response.status === status) return response;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`no ${status} from ${urlPath}; the service said:\n${service.output()}`);
}

/** The test runner's environment without settings that would leak into the service under test. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key === 'NODE_OPTIONS' || key.startsWith('JEST') || key === 'DATABASE_URL') continue;
    env[key] = value;
  }
  return env;
}
