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
import { executeQuiescenceRuns, resolveQuiescenceWorkers } from './run-quiescence-experiment.ts';

export const EXPERIMENT_PART_FORMAT = 'kernel-sim experiment part';
export const EXPERIMENT_PART_VERSION = 1;

export interface PartShard {
  readonly index: number;
  readonly count: number;
}

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

export type SliceOf = (total: number, shard: PartShard) => [number, number];

function sweepText(sweep: ResolvedSweep): QuiescenceSweepOptions {
  return { ...sweep, lifetimes: sweep.lifetimes.map(formatLifetime) };
}

export async function runQuiescencePart(
  options: QuiescenceExperimentOptions,
  shard: PartShard,
  slice: SliceOf,
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

/** Whether a parsed JSON document is an experiment part (rather than a check part). */
export function isExperimentPart(doc: unknown): boolean {
  return (
    doc !== null &&
    typeof doc === 'object' &&
    (doc as { format?: unknown }).format === EXPERIMENT_PART_FORMAT
  );
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
  if (parts.length === 0) throw new RangeError('merge: no parts given');
  const key = (p: QuiescencePart): string => JSON.stringify([p.shard.count, p.runsTotal, p.sweep]);
  parts.forEach((p, i) => {
    if (key(p) !== key(parts[0]))
      throw new RangeError(
        `merge: ${names[i]} is from a different experiment sweep than ${names[0]} (its sweep options, run count or shard count differ); merge the parts of one sweep`,
      );
  });
  const count = parts[0].shard.count;
  const byIndex = new Map<number, number>();
  parts.forEach((p, i) => {
    const other = byIndex.get(p.shard.index);
    if (other !== undefined)
      throw new RangeError(
        `merge: shard ${p.shard.index}/${count} given twice (${names[other]} and ${names[i]})`,
      );
    byIndex.set(p.shard.index, i);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !byIndex.has(k));
  if (missing.length > 0)
    throw new RangeError(
      `merge: missing shard(s) ${missing.map((k) => `${k}/${count}`).join(', ')}; run experiment quiescence --shard k/${count} for each and give every part`,
    );
  const ordered = Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
  let at = 0;
  for (const i of ordered) {
    if (parts[i].range[0] !== at)
      throw new RangeError(
        `merge: ${names[i]} covers runs ${parts[i].range[0]}..${parts[i].range[1]}, expected them from ${at}`,
      );
    at = parts[i].range[1];
  }
  if (at !== parts[0].runsTotal)
    throw new RangeError(`merge: the parts cover ${at} of ${parts[0].runsTotal} runs`);
  return {
    sweep: resolveQuiescenceSweep(parts[0].sweep),
    outputs: ordered.flatMap((i) => parts[i].outputs),
    workers: parts.reduce((n, p) => n + p.workers, 0),
    wallMs: Math.max(...parts.map((p) => p.wallMs)),
  };
}
