/**
 * WorkerPool: a small generic pool of worker_threads that applies one
 * exported function (a "task module") to many independent inputs, and hands
 * the outputs back in input order, whatever order the workers finish in.
 *
 * Interface: `new WorkerPool({workers, task})`, `map(inputs, onResult?)`
 * (one map at a time; `onResult(index, output)` as each finishes), `close()`.
 * `taskModule(import.meta.url, 'file-stem', 'exportName')` names a task
 * module beside the caller. Inputs and outputs cross by structured clone.
 *
 * Each worker holds up to `inflightPerWorker` tasks (default 3) in its
 * message queue, so it never idles waiting for the main thread to hand it the
 * next one (on a loaded machine the main thread's wake-up can take longer
 * than a task); tasks are still handed out as workers finish, so uneven task
 * lengths balance, give or take that many tasks at the end.
 *
 * From compiled dist/ a worker runs worker-entry.js; from the TypeScript
 * source (vitest, a jiti-run CLI) it runs worker-entry.ts under jiti's ESM
 * register hook (`--import jiti/register`), which compiles the task module
 * and its imports on the fly. A task that throws rejects the map with an
 * error of the same name and message. A worker that exits or crashes mid-task
 * rejects the map too, unless `onWorkerLost` answers for the lost task: then
 * a fresh worker takes over the queued ones and every other result is kept.
 *
 * Used by the quiescence experiment; meant for any sweep of independent runs
 * (e.g. `kernel-sim check` over seeds).
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Where a worker finds the function to run: a module URL and an export name. */
export interface TaskModule {
  readonly url: string;
  readonly exportName: string;
}

export interface WorkerPoolOptions {
  readonly workers: number;
  /** Tasks queued at each worker at once (default 3). */
  readonly inflightPerWorker?: number;
  readonly task: TaskModule;
  /**
   * A worker that exits or crashes loses the task it was running. Given this,
   * the pool answers that task with `onWorkerLost(input, why)`, starts a new
   * worker for the tasks still queued, and goes on; without it the map rejects.
   */
  readonly onWorkerLost?: (input: unknown, why: string) => unknown;
}

/** Main thread to worker. */
export interface TaskMessage {
  readonly index: number;
  readonly input: unknown;
}

/** Worker to main thread. */
export type ResultMessage =
  | { readonly index: number; readonly ok: true; readonly output: unknown }
  | {
      readonly index: number;
      readonly ok: false;
      /** The thrown error's name, message and stack (or the value as text). */
      readonly name: string;
      readonly error: string;
      readonly stack: string;
    };

/** A task's error as the main thread sees it: the same name and message, the worker's stack. */
function taskError(m: Extract<ResultMessage, { ok: false }>): Error {
  const e = new Error(m.error);
  e.name = m.name;
  e.stack = `worker task ${m.index} failed: ${m.stack}`;
  return e;
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const EXT = FROM_SOURCE ? '.ts' : '.js';

/** A task module `stem` (no extension) in the caller's folder, .ts from source and .js when built. */
export function taskModule(callerUrl: string, stem: string, exportName: string): TaskModule {
  const ext = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  return { url: new URL(`./${stem}${ext}`, callerUrl).href, exportName };
}

function workerExecArgv(): string[] {
  if (!FROM_SOURCE) return [];
  const jitiPackage = createRequire(import.meta.url).resolve('jiti/package.json');
  return ['--import', new URL('./lib/jiti-register.mjs', pathToFileURL(jitiPackage)).href];
}

export class WorkerPool<In, Out> {
  private readonly workers: Worker[] = [];
  private busy = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1) {
      throw new RangeError(`WorkerPool: workers must be an integer >= 1, got ${options.workers}`);
    }
    const inflight = options.inflightPerWorker ?? 3;
    if (!Number.isInteger(inflight) || inflight < 1) {
      throw new RangeError(
        `WorkerPool: inflightPerWorker must be an integer >= 1, got ${inflight}`,
      );
    }
  }

  private get inflight(): number {
    return this.options.inflightPerWorker ?? 3;
  }

  get size(): number {
    return this.options.workers;
  }

  private spawn(): Worker {
    const entry = new URL(`./worker-entry${EXT}`, import.meta.url);
    return new Worker(entry, { workerData: this.options.task, execArgv: workerExecArgv() });
  }

  map(inputs: readonly In[], onResult?: (index: number, output: Out) => void): Promise<Out[]> {
    if (this.busy)
      return Promise.reject(new Error('WorkerPool.map: one map at a time; await the previous one'));
    if (inputs.length === 0) return Promise.resolve([]);
    this.busy = true;
    return new Promise<Out[]>((resolve, reject) => {
      const outputs = new Array<Out>(inputs.length);
      const queue: number[] = inputs.map((_x, i) => i); // indices not yet handed out
      let finished = 0;
      let failed = false;
      const cleanups = new Map<Worker, () => void>();
      const settle = (error?: Error): void => {
        for (const c of cleanups.values()) c();
        cleanups.clear();
        this.busy = false;
        if (error) reject(error);
        else resolve(outputs);
      };
      const done = (index: number, output: Out): void => {
        outputs[index] = output;
        finished++;
        onResult?.(index, output);
        if (finished === inputs.length) settle();
      };
      const fail = (error: Error): void => {
        if (failed) return;
        failed = true;
        settle(error);
        void this.close();
      };
      const attach = (w: Worker): void => {
        const held: number[] = []; // indices posted to w, in the order it runs them
        const feed = (): void => {
          const index = queue.shift();
          if (index === undefined) return;
          held.push(index);
          w.postMessage({ index, input: inputs[index] } satisfies TaskMessage);
        };
        const onMessage = (m: ResultMessage): void => {
          if (failed) return;
          held.splice(held.indexOf(m.index), 1);
          if (!m.ok) return fail(taskError(m));
          done(m.index, m.output as Out);
          if (!failed && finished < inputs.length) feed();
        };
        const lost = (why: string): void => {
          if (failed) return;
          cleanups.get(w)?.();
          cleanups.delete(w);
          this.workers.splice(this.workers.indexOf(w), 1);
          void w.terminate();
          const running = held.shift();
          if (running === undefined) return;
          const recover = this.options.onWorkerLost;
          if (recover === undefined)
            return fail(new Error(`worker ${why} while running task ${running}`));
          queue.unshift(...held); // the queued ones run again on a fresh worker
          done(running, recover(inputs[running], why) as Out);
          if (failed || finished === inputs.length) return;
          const fresh = this.spawn();
          this.workers.push(fresh);
          attach(fresh);
        };
        const onError = (e: Error): void => lost(`failed (${e.message})`);
        const onExit = (code: number): void => lost(`exited with code ${code}`);
        w.on('message', onMessage).on('error', onError).on('exit', onExit);
        cleanups.set(
          w,
          () => void w.off('message', onMessage).off('error', onError).off('exit', onExit),
        );
        for (let k = 0; k < this.inflight; k++) feed();
      };
      while (this.workers.length < Math.min(this.size, inputs.length))
        this.workers.push(this.spawn());
      for (const w of this.workers.slice(0, Math.min(this.size, inputs.length))) attach(w);
    });
  }

  /** Stop every worker. The pool can map again afterwards (it starts new ones). */
  async close(): Promise<void> {
    const ws = this.workers.splice(0);
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
