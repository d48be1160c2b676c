/**
 * workerCommand: `kernel-sim worker --queue redis://HOST:PORT [--threads N]
 * [--lock-ms MS] [--stalled-max N]`: serve the jobs of `kernel-sim check
 * --queue` and `kernel-sim experiment quiescence --queue` sweeps, one job at
 * a time, its seeds on N worker threads (default one per available CPU) kept
 * for the worker's life (an experiment job's runs on N threads of its own),
 * until SIGINT or
 * SIGTERM (the running job finishes first; exit 0). Run it on as many
 * machines as you like, each from a folder where the scenario resolves to
 * the same file (a path relative to it, or a bundled name).
 *
 * Each job is logged on stderr (`worker: job ID started`, `done`, `failed: why`).
 * Redis unreachable at start: an input error (exit 2). --lock-ms is how long
 * a job's lock lasts unrenewed, so how soon a killed or frozen worker's job
 * runs elsewhere (every worker of a queue should use the same value).
 */
import { availableParallelism } from 'node:os';
import { openCheckPool } from '../check/index.ts';
import { serveQueue, type QueueServer } from '../queue/index.ts';
import { CHECK_JOB_KIND, runCheckJob, type CheckJobData } from './check-job.ts';
import type { CliIo } from './cli-io.ts';
import { EXPERIMENT_JOB_KIND, runExperimentJob, type ExperimentJobData } from './experiment-job.ts';
import { STRATEGY_JOB_KIND, runStrategyJob, type StrategyJobData } from './strategy-job.ts';
import { CliError } from './cli-error.ts';

export interface WorkerCommandOptions {
  readonly queue: string;
  readonly threads?: number;
  readonly lockMs?: number;
  readonly stalledMax?: number;
}

/** Starts the worker; resolves with exit code 0 once a signal (or `stop`) has stopped it. */
export async function workerCommand(
  o: WorkerCommandOptions,
  io: CliIo,
  stop?: (server: QueueServer) => void,
): Promise<{ exitCode: number }> {
  const threads = o.threads ?? availableParallelism();
  const pool = await openCheckPool(threads);
  let server: QueueServer;
  try {
    server = await serveQueue({
      url: o.queue,
      ...(o.lockMs === undefined ? {} : { lockMs: o.lockMs }),
      ...(o.stalledMax === undefined ? {} : { stalledMax: o.stalledMax }),
      run: async (kind, data, report) => {
        if (kind === CHECK_JOB_KIND) return runCheckJob(data as CheckJobData, io.cwd, pool, report);
        if (kind === EXPERIMENT_JOB_KIND)
          return runExperimentJob(data as ExperimentJobData, threads, report);
        if (kind === STRATEGY_JOB_KIND)
          return runStrategyJob(data as StrategyJobData, io.cwd, threads, report);
        throw new Error(
          `refused: this worker runs '${CHECK_JOB_KIND}', '${EXPERIMENT_JOB_KIND}' and '${STRATEGY_JOB_KIND}' jobs, not '${kind}' (upgrade it)`,
        );
      },
      onJob: (id, event, why) =>
        io.err(`worker: job ${id} ${event}${why === '' ? '' : `: ${why}`}`),
    });
  } catch (e) {
    await pool.close();
    throw new CliError((e as Error).message.replace(/^queue: /, '--queue: '), undefined, {
      cause: e,
    });
  }
  io.err(`worker: serving ${o.queue} with ${threads} thread(s); stop with Ctrl-C`);
  const onSignal = (): void => void server.close();
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  stop?.(server);
  await server.closed;
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  await pool.close();
  io.err('worker: stopped');
  return { exitCode: 0 };
}
