import { type ChildProcess, execSync, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.join(__dirname, '..', '..', '..');
const live = new Set<number>();

// A drill that throws or is interrupted must not leave a detached worker sending on its own.
process.once('exit', () => {
  for (const pgid of live) killGroupQuietly(pgid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

export interface ProcessGroup {
  readonly child: ChildProcess;
  /** The process group's id: the pid of `tsx`, which leads the group its node child runs in. */
  readonly pgid: number;
  readonly baseUrl: string;
  /** Everything the group wrote so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the leader's exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  /** Resolves once `text` appears in the output; rejects after `timeoutMs` or if the group exits. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** `kill -9` of every process in the group (tsx and the node process it runs the entry in). */
  kill9(): Promise<void>;
  /** SIGTERM to the group, as an orchestrator stops a container; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `src/main/<entry>.ts` through tsx, as `npm run worker` / `npm start` do, in a process
 * group of its own. tsx runs the entry in a child node process, so a `kill -9` of the tsx pid alone
 * would leave the real worker running: the drills signal the whole group.
 */
export function startProcessGroup(entry: 'worker' | 'web', env: Record<string, string>, port: number): ProcessGroup {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), `src/main/${entry}.ts`], {
    cwd: root,
    env: { ...cleanEnv(), LOG_LEVEL: 'info', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${entry}`);
  const pgid = child.pid;
  live.add(pgid);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let done = false;
  void exited.then(() => (done = true));

  async function untilGroupGone(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (groupMembers(pgid).length > 0) {
      if (Date.now() > deadline) throw new Error(`process group ${pgid} still has ${groupMembers(pgid).join(', ')}`);
      await sleep(50);
    }
    live.delete(pgid);
  }

  return {
    child,
    pgid,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    async waitFor(text, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (done) throw new Error(`${entry} exited before "${text}":\n${output}`);
        if (Date.now() > deadline) throw new Error(`no "${text}" from ${entry} within ${timeoutMs} ms:\n${output}`);
        await sleep(100);
      }
    },
    async kill9() {
      killGroupQuietly(pgid, 'SIGKILL');
      await exited;
      await untilGroupGone(10_000);
    },
    async stop(graceMs = 20_000) {
      killGroupQuietly(pgid, 'SIGTERM');
      const timer = setTimeout(() => killGroupQuietly(pgid, 'SIGKILL'), graceMs);
      await exited;
      await untilGroupGone(graceMs + 5_000);
      clearTimeout(timer);
    },
  };
}

/** The pids still in process group `pgid`. */
export function groupMembers(pgid: number): number[] {
  return execSync(`pgrep -g ${pgid} || true`).toString().split(/\s+/).filter(Boolean).map(Number);
}

function killGroupQuietly(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** The drill's environment without settings that would leak into the process under test. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key === 'NODE_OPTIONS' || key.startsWith('JEST') || key === 'DATABASE_URL') continue;
    env[key] = value;
  }
  return env;
}
