/**
 * checkSeedTask: the worker-thread side of a parallel check (a WorkerPool
 * task module): load the scenario file once per worker, then check one seed
 * per task. Input and output are plain data (structured clone).
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

const loaded = new Map<string, Scenario>();

export async function checkSeedTask(input: CheckSeedInput): Promise<SeedResult> {
  const key = `${input.load.url}#${input.load.exportName}:${input.file}`;
  let scenario = loaded.get(key);
  if (scenario === undefined)
    loaded.set(key, (scenario = await loadScenarioWith(input.load, input.file)));
  return checkSeed(scenario, input.seed, input.options);
}
