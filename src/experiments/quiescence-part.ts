/**
 * QuiescencePart: one slice of a quiescence experiment's runs, as one JSON
 * document (`kernel-sim experiment quiescence --shard k/N --out-part FILE`,
 * or a queue job's answer), and `mergeQuiescenceParts`, which joins the N
 * parts of a sweep back into the serial run's outputs (`kernel-sim merge`).
 *
 *   runQuiescencePart(options, shard, slice)   runs its slice -> part
 *   parseQuiescencePart(text, name)            a part read back (errors name the file)
 *   mergeQuiescenceParts(parts, names)         { sweep, outputs, workers, wallMs }
 *
 * The runs are the sweep's run list (sweepRuns: cell by cell, seed by seed)
 * cut into N contiguous slices by `slice(total, shard)`; a part carries the
 * resolved sweep (lifetimes in text notation), the total and its range, so
 * merge refuses parts of different sweeps, a shard missing or given twice,
 * and ranges that do not tile the run list. The merged outputs are the
 * serial ones in the serial order, so finishQuiescenceExperiment writes the
 * serial files byte for byte (all but quiescence-timing.json).
 */
import type { QuiescenceRunOutput } from './quiescence-run.ts';
import { sweepPoints, sweepRuns } from './quiescence-sweep-grid.ts';
import {
  resolveQuiescenceSweep,
  type QuiescenceExperimentOptions,
  type QuiescenceSweepOptions,
  type ResolvedSweep,
} from './quiescence-sweep-options.ts';
import { formatLifetime } from './lifetime-notation.ts';
import {
  EXPERIMENT_PART_FORMAT,
  EXPERIMENT_PART_VERSION,
  isExperimentPart,
  tileParts,
  type PartShard,
} from './experiment-part.ts';
import { executeQuiescenceRuns, resolveQuiescenceWorkers } from './run-quiescence-experiment.ts';

export interface QuiescencePart {
  readonly format: typeof EXPERIMENT_PART_FORMAT;
  readonly version: number;
  readonly experiment: 'quiescence';
  readonly shard: PartShard;
  /** The resolved sweep, lifetimes in text notation (resolves to itself). */
  readonly sweep: QuiescenceSweepOptions;
  readonly runsTotal: number;
  /** [start, end) in the sweep's run list. */
  readonly range: readonly [number, number];
  readonly workers: number;
  readonly wallMs: number;
  readonly outputs: readonly QuiescenceRunOutput[];
}

function sweepText(sweep: ResolvedSweep): QuiescenceSweepOptions {
  return { ...sweep, lifetimes: sweep.lifetimes.map(formatLifetime) };
}

export async function runQuiescencePart(
  options: QuiescenceExperimentOptions,
  shard: PartShard,
  slice: (total: number, shard: PartShard) => [number, number],
  onDone: (done: number, total: number) => void = () => {},
): Promise<QuiescencePart> {
  const sweep = resolveQuiescenceSweep(options);
  const specs = sweepRuns(sweep, sweepPoints(sweep));
  const [start, end] = slice(specs.length, shard);
  const mine = specs.slice(start, end);
  const workers = resolveQuiescenceWorkers(options.workers, Math.max(1, mine.length));
  const started = performance.now();
  let done = 0;
  const outputs = await executeQuiescenceRuns(mine, workers, () => onDone(++done, mine.length));
  return {
    format: EXPERIMENT_PART_FORMAT,
    version: EXPERIMENT_PART_VERSION,
    experiment: 'quiescence',
    shard,
    sweep: sweepText(sweep),
    runsTotal: specs.length,
    range: [start, end],
    workers,
    wallMs: performance.now() - started,
    outputs,
  };
}

export function parseQuiescencePart(text: string, name: string): QuiescencePart {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RangeError(`merge: ${name} is not JSON (${(e as Error).message})`, { cause: e });
  }
  const p = doc as Partial<QuiescencePart>;
  if (!isExperimentPart(doc) || p.experiment !== 'quiescence')
    throw new RangeError(
      `merge: ${name} is not a quiescence experiment part; give the files written by experiment quiescence --shard k/N --out-part FILE`,
    );
  if (p.version !== EXPERIMENT_PART_VERSION)
    throw new RangeError(
      `merge: ${name} has format version ${String(p.version)}; this kernel-sim reads version ${EXPERIMENT_PART_VERSION} (re-run the shard with this version)`,
    );
  if (!p.shard || !p.sweep || !Array.isArray(p.range) || !Array.isArray(p.outputs))
    throw new RangeError(`merge: ${name} is incomplete (needs shard, sweep, range and outputs)`);
  if (p.outputs.length !== p.range[1] - p.range[0])
    throw new RangeError(
      `merge: ${name} holds ${p.outputs.length} runs but its range ${p.range[0]}..${p.range[1]} has ${p.range[1] - p.range[0]}`,
    );
  return p as QuiescencePart;
}

export interface MergedQuiescence {
  readonly sweep: ResolvedSweep;
  readonly outputs: QuiescenceRunOutput[];
  /** Workers summed over the parts; wall time the longest part's (they run side by side). */
  readonly workers: number;
  readonly wallMs: number;
}

export function mergeQuiescenceParts(
  parts: readonly QuiescencePart[],
  names: readonly string[],
): MergedQuiescence {
  const ordered = tileParts(parts, names, 'experiment quiescence', (p) =>
    JSON.stringify([p.sweep]),
  );
  return {
    sweep: resolveQuiescenceSweep(parts[0].sweep),
    outputs: ordered.flatMap((p) => p.outputs),
    workers: parts.reduce((n, p) => n + p.workers, 0),
    wallMs: Math.max(...parts.map((p) => p.wallMs)),
  };
}
