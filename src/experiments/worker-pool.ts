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
 * and its imports on the fly. A task that throws rejects the map with its
 * error text; so does a worker that fails to load or dies.
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
}

/** Main thread to worker. */
export interface TaskMessage {
  readonly index: number;
  readonly input: unknown;
}

/** Worker to main thread. */
export type ResultMessage =
  | { readonly index: number; readonly ok: true; readonly output: unknown }
  | { readonly index: number; readonly ok: false; readonly error: string };

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

  private start(count: number): void {
    const entry = new URL(`./worker-entry${EXT}`, import.meta.url);
    while (this.workers.length < count) {
      this.workers.push(
        new Worker(entry, { workerData: this.options.task, execArgv: workerExecArgv() }),
      );
    }
  }

  map(inputs: readonly In[], onResult?: (index: number, output: Out) => void): Promise<Out[]> {
    if (this.busy)
      return Promise.reject(new Error('WorkerPool.map: one map at a time; await the previous one'));
    if (inputs.length === 0) return Promise.resolve([]);
    this.busy = true;
    this.start(Math.min(this.size, inputs.length));
    return new Promise<Out[]>((resolve, reject) => {
      const outputs = new Array<Out>(inputs.length);
      let next = 0;
      let finished = 0;
      let failed = false;
      const cleanups: (() => void)[] = [];
      const settle = (error?: Error): void => {
        for (const c of cleanups) c();
        this.busy = false;
        if (error) reject(error);
        else resolve(outputs);
      };
      const feed = (w: Worker): void => {
        if (next < inputs.length)
          w.postMessage({ index: next, input: inputs[next++] } satisfies TaskMessage);
      };
      const fail = (error: Error): void => {
        if (failed) return;
        failed = true;
        settle(error);
        void this.close();
      };
      const active = this.workers.slice(0, Math.min(this.size, inputs.length));
      for (const w of active) {
        const onMessage = (m: ResultMessage): void => {
          if (failed) return;
          if (!m.ok) return fail(new Error(`worker task ${m.index} failed: ${m.error}`));
          outputs[m.index] = m.output as Out;
          finished++;
          onResult?.(m.index, m.output as Out);
          if (finished === inputs.length) settle();
          else feed(w);
        };
        const onError = (e: Error): void => fail(new Error(`worker failed: ${e.message}`));
        const onExit = (code: number): void =>
          fail(new Error(`worker exited with code ${code} before its tasks were done`));
        w.on('message', onMessage).on('error', onError).on('exit', onExit);
        cleanups.push(
          () => void w.off('message', onMessage).off('error', onError).off('exit', onExit),
        );
      }
      for (let k = 0; k < this.inflight; k++) for (const w of active) feed(w);
    });
  }

  /** Stop every worker. The pool can map again afterwards (it starts new ones). */
  async close(): Promise<void> {
    const ws = this.workers.splice(0);
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
