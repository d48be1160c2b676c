/**
 * The parts of an experiment split by `--shard k/N` or into queue jobs, in
 * general: a part holds a contiguous range [start, end) of the experiment's
 * run list (of runsTotal runs), as shard k of N. `tileParts` checks that N
 * parts are of one sweep and tile the list (every shard once, the ranges
 * contiguous from 0 to runsTotal) and returns them in shard order; errors
 * start 'merge:' and name the file. quiescence-part.ts and
 * strategy-part.ts are the two kinds.
 */
export const EXPERIMENT_PART_FORMAT = 'kernel-sim experiment part';
export const EXPERIMENT_PART_VERSION = 1;

export interface PartShard {
  readonly index: number;
  readonly count: number;
}

export type SliceOf = (total: number, shard: PartShard) => [number, number];

export interface TiledPart {
  readonly shard: PartShard;
  readonly runsTotal: number;
  readonly range: readonly [number, number];
}

/** Whether a parsed JSON document is an experiment part (rather than a check part), and which. */
export function isExperimentPart(doc: unknown): boolean {
  return (
    doc !== null &&
    typeof doc === 'object' &&
    (doc as { format?: unknown }).format === EXPERIMENT_PART_FORMAT
  );
}

export function experimentOfPart(doc: unknown): string | undefined {
  if (!isExperimentPart(doc)) return undefined;
  const e = (doc as { experiment?: unknown }).experiment;
  return typeof e === 'string' ? e : undefined;
}

export function tileParts<P extends TiledPart>(
  parts: readonly P[],
  names: readonly string[],
  command: string,
  sweepKey: (p: P) => string,
): P[] {
  if (parts.length === 0) throw new RangeError('merge: no parts given');
  const key = (p: P): string => JSON.stringify([p.shard.count, p.runsTotal, sweepKey(p)]);
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
      `merge: missing shard(s) ${missing.map((k) => `${k}/${count}`).join(', ')}; run ${command} --shard k/${count} for each and give every part`,
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
  return ordered.map((i) => parts[i]);
}
