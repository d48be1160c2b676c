/**
 * checkSeedTask: the worker-thread side of a parallel check (a WorkerPool
 * task module): load the scenario file once per worker, then check one seed
 * per task. Input and output are plain data (structured clone).
 *
 * A worker may hold several tasks at once (the pool queues a few), so the
 * load itself is shared: the first task starts it, the others await it.
 */
import type { Scenario } from '../scenario/index.ts';
import type { LoaderModule } from './check-options.ts';
import { checkSeed, type CheckSeedOptions } from './check-seed.ts';
import { loadScenarioWith } from './import-scenario.ts';
import type { SeedResult } from './seed-result.ts';

export interface CheckSeedInput {
  readonly file: string;
  readonly load: LoaderModule;
  readonly seed: number;
  readonly options: CheckSeedOptions;
}

const loading = new Map<string, ReturnType<typeof loadScenarioWith>>();

export async function checkSeedTask(input: CheckSeedInput): Promise<SeedResult> {
  const key = `${input.load.url}#${input.load.exportName}:${input.file}`;
  let load = loading.get(key);
  if (load === undefined) loading.set(key, (load = loadScenarioWith(input.load, input.file)));
  const scenario: Scenario = await load;
  return checkSeed(scenario, input.seed, input.options);
}
