/**
 * StrategyPart: one slice of the strategies experiment's runs, as one JSON
 * document (`kernel-sim experiment strategies --shard k/N --out FILE`), and
 * `mergeStrategyParts`, which joins the N parts back into the serial run's
 * records (`kernel-sim merge`; experiment-part.ts checks they tile).
 *
 *   runStrategyPart(options, shard, slice, hashes)   runs its slice -> part
 *   parseStrategyPart(text, name)                    a part read back
 *   mergeStrategyParts(parts, names)                 the grid and all records
 *
 * The run list is workload by workload, strategy by strategy, seed by seed
 * (as runStrategyExperiment runs it). A part carries the workload names, the
 * SHA-256 of each workload's scenario file (so parts of scenarios that
 * differ between machines do not merge), the strategies, the seeds, and its
 * range's records; finishStrategyExperiment then writes the serial files
 * byte for byte.
 */
import type { StrategyName } from '../hotswap/index.ts';
import {
  EXPERIMENT_PART_FORMAT,
  EXPERIMENT_PART_VERSION,
  experimentOfPart,
  tileParts,
  type PartShard,
  type SliceOf,
} from './experiment-part.ts';
import {
  runStrategyCells,
  strategyGrid,
  type StrategyExperimentOptions,
} from './run-strategy-experiment.ts';
import type { StrategyRunRecord } from './strategy-run.ts';

export interface StrategyPart {
  readonly format: typeof EXPERIMENT_PART_FORMAT;
  readonly version: number;
  readonly experiment: 'strategies';
  readonly shard: PartShard;
  readonly workloads: readonly string[];
  /** Per workload, the SHA-256 of its scenario file (null: no file). */
  readonly scenarioHashes: readonly (string | null)[];
  readonly strategies: readonly StrategyName[];
  readonly seeds: readonly number[];
  readonly runsTotal: number;
  readonly range: readonly [number, number];
  readonly runs: readonly StrategyRunRecord[];
}

export async function runStrategyPart(
  options: StrategyExperimentOptions,
  shard: PartShard,
  slice: SliceOf,
  scenarioHashes: readonly (string | null)[],
  onDone: (done: number, total: number) => void = () => {},
): Promise<StrategyPart> {
  const { strategies, seeds, cells } = strategyGrid(options);
  const [start, end] = slice(cells.length, shard);
  let done = 0;
  const runs = await runStrategyCells(cells.slice(start, end), options, () =>
    onDone(++done, end - start),
  );
  const all = cells;
  return {
    format: EXPERIMENT_PART_FORMAT,
    version: EXPERIMENT_PART_VERSION,
    experiment: 'strategies',
    shard,
    workloads: options.workloads.map((w) => w.name),
    scenarioHashes,
    strategies: [...strategies],
    seeds: [...seeds],
    runsTotal: all.length,
    range: [start, end],
    runs,
  };
}

export function parseStrategyPart(text: string, name: string): StrategyPart {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RangeError(`merge: ${name} is not JSON (${(e as Error).message})`, { cause: e });
  }
  const p = doc as Partial<StrategyPart>;
  if (experimentOfPart(doc) !== 'strategies')
    throw new RangeError(
      `merge: ${name} is not a strategies experiment part; give the files written by experiment strategies --shard k/N --out FILE`,
    );
  if (p.version !== EXPERIMENT_PART_VERSION)
    throw new RangeError(
      `merge: ${name} has format version ${String(p.version)}; this kernel-sim reads version ${EXPERIMENT_PART_VERSION} (re-run the shard with this version)`,
    );
  if (!p.shard || !p.workloads || !p.seeds || !Array.isArray(p.range) || !Array.isArray(p.runs))
    throw new RangeError(
      `merge: ${name} is incomplete (needs shard, workloads, seeds, range and runs)`,
    );
  if (p.runs.length !== p.range[1] - p.range[0])
    throw new RangeError(
      `merge: ${name} holds ${p.runs.length} runs but its range ${p.range[0]}..${p.range[1]} has ${p.range[1] - p.range[0]}`,
    );
  return p as StrategyPart;
}

export function mergeStrategyParts(
  parts: readonly StrategyPart[],
  names: readonly string[],
): {
  workloads: readonly string[];
  strategies: readonly StrategyName[];
  seeds: readonly number[];
  runs: StrategyRunRecord[];
} {
  const ordered = tileParts(parts, names, 'experiment strategies', (p) =>
    JSON.stringify([p.workloads, p.scenarioHashes, p.strategies, p.seeds]),
  );
  const first = parts[0];
  return {
    workloads: first.workloads,
    strategies: first.strategies,
    seeds: first.seeds,
    runs: ordered.flatMap((p) => p.runs),
  };
}
