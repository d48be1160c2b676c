/**
 * The worker side of WorkerPool: loads the task module named in workerData,
 * then answers each TaskMessage with a ResultMessage (the export's output, or
 * its error's name, message and stack), one task at a time. Runs as worker-entry.js from dist/, or as worker-entry.ts
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

/** A thrown non-Error as text, whatever it is (a null-prototype object or a Proxy cannot break it). */
function text(value: unknown): string {
  try {
    return String(value);
  } catch {
    return `a thrown ${typeof value}`;
  }
}

async function answer(m: TaskMessage): Promise<void> {
  {
    let reply: ResultMessage;
    try {
      reply = {
        index: m.index,
        ok: true,
        output: await (fn as (input: unknown) => unknown)(m.input),
      };
    } catch (e) {
      const isError = e instanceof Error;
      reply = {
        index: m.index,
        ok: false,
        name: isError ? e.name : 'Error',
        error: isError ? e.message : text(e),
        stack: isError ? (e.stack ?? e.message) : text(e),
      };
    }
    port.postMessage(reply);
  }
}

// One task at a time, in the order they came: a task's answer is posted before
// the next one starts, so a worker that dies mid-task dies in the oldest
// unanswered one, and the pool can name it.
let last = Promise.resolve();
port.on('message', (m: TaskMessage) => {
  last = last.then(() => answer(m));
});
