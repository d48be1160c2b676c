/**
 * `kernel-sim worker` processes for the queue tests: spawned from the built
 * CLI (bin/kernel-sim.js, so run ensureBuilt() first) in a given folder,
 * their stderr kept, with helpers to wait for a log line and to stop them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from '../cli/built-cli.ts';

export interface QueueWorker {
  readonly child: ChildProcess;
  /** The worker's stderr so far. */
  log(): string;
  /** Resolves when the log (from `from` on) matches `pattern`. */
  waitFor(pattern: RegExp, from?: number): Promise<void>;
  /** SIGTERM (or the given signal); resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startWorker(url: string, cwd: string, extra: readonly string[] = []): QueueWorker {
  const child = spawn(
    process.execPath,
    [BIN, 'worker', '--queue', url, '--threads', '1', '--lock-ms', '1000', ...extra],
    { cwd, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let text = '';
  const waiters: (() => void)[] = [];
  child.stderr.on('data', (d: Buffer) => {
    text += d.toString();
    for (const w of waiters.splice(0)) w();
  });
  const exited = new Promise<void>((r) =>
    child.once('exit', () => {
      for (const w of waiters.splice(0)) w();
      r();
    }),
  );
  return {
    child,
    log: () => text,
    waitFor: async (pattern, from = 0) => {
      while (!pattern.test(text.slice(from))) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`the worker exited before logging ${pattern}: ${text}`);
        await new Promise<void>((r) => waiters.push(r));
      }
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
