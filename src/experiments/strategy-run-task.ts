/**
 * strategyRunTask: the worker-thread side of a parallel strategies
 * experiment (a WorkerPool task module, worker-pool.ts, the pool `check`
 * runs on): load the workload's scenario file once per worker with the
 * given loader (the CLI's, as for check), then run one (strategy, seed)
 * cell. Input and output are plain data.
 */
import { loadScenarioWith, type LoaderModule } from '../check/index.ts';
import { runStrategyRun, type StrategyRunRecord } from './strategy-run.ts';
import type { StrategyName } from '../hotswap/index.ts';

export interface StrategyRunInput {
  readonly file: string;
  readonly load: LoaderModule;
  readonly name: string;
  readonly strategy: StrategyName;
  readonly seed: number;
}

const loading = new Map<string, ReturnType<typeof loadScenarioWith>>();

export async function strategyRunTask(input: StrategyRunInput): Promise<StrategyRunRecord> {
  const key = `${input.load.url}#${input.load.exportName}:${input.file}`;
  let load = loading.get(key);
  if (load === undefined) loading.set(key, (load = loadScenarioWith(input.load, input.file)));
  const scenario = await load;
  return runStrategyRun({
    scenario: scenario,
    name: input.name,
    strategy: input.strategy,
    seed: input.seed,
  });
}
