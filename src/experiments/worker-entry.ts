/**
 * The worker side of WorkerPool: loads the task module named in workerData,
 * then answers each TaskMessage with a ResultMessage (the export's output, or
 * its error text). Runs as worker-entry.js from dist/, or as worker-entry.ts
 * under jiti's register hook from source.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResultMessage, TaskMessage, TaskModule } from './worker-pool.ts';

const task = workerData as TaskModule;
const mod = (await import(task.url)) as Record<string, unknown>;
const fn = mod[task.exportName];
if (typeof fn !== 'function')
  throw new TypeError(`worker: ${task.url} has no exported function '${task.exportName}'`);
const port = parentPort!;

port.on('message', (m: TaskMessage) => {
  void (async () => {
    let reply: ResultMessage;
    try {
      reply = {
        index: m.index,
        ok: true,
        output: await (fn as (input: unknown) => unknown)(m.input),
      };
    } catch (e) {
      reply = {
        index: m.index,
        ok: false,
        error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      };
    }
    port.postMessage(reply);
  })();
});
