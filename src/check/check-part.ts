/**
 * CheckPart: the partial result of one shard of a check, as one JSON
 * document (`kernel-sim check X --shard k/N --out part.json`), and
 * `mergeCheckParts`, which joins the N parts of a sweep back into the
 * serial run's results (`kernel-sim merge`).
 *
 *   toCheckPart(run, shard)      a shard's CheckRun as plain data
 *   parseCheckPart(text, name)   a part read back (errors name the file)
 *   mergeCheckParts(parts)       { results, context }: summarize() them
 *
 * A part carries the whole sweep's seed list, its shard, the summary
 * context (with the run's flags: --strategy, --swap-mediation, --param) and
 * the SHA-256 of the scenario file, so merge refuses parts of different
 * sweeps, run with different flags, or of a scenario that differed between
 * machines. Results
 * merge by seed: every seed of the sweep exactly once (none lost, none
 * counted twice), in the serial run's order, so summarize() over them gives
 * the serial summary byte for byte; anything summarize() derives from the
 * per-seed results (counts, failing seeds) adds up across parts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CheckShard } from './check-shard.ts';
import { shardRange } from './check-shard.ts';
import type { CheckContext } from './check-summary.ts';
import type { CheckRun } from './run-check.ts';
import type { SeedResult } from './seed-result.ts';

export const CHECK_PART_FORMAT = 'kernel-sim check part';
export const CHECK_PART_VERSION = 2;

export type SeedList =
  { readonly from: number; readonly to: number } | { readonly list: readonly number[] };

export interface CheckPart {
  readonly format: typeof CHECK_PART_FORMAT;
  readonly version: number;
  readonly shard: CheckShard;
  readonly context: CheckContext;
  /** SHA-256 (hex) of the scenario file's bytes, or null for a scenario without a file. */
  readonly scenarioHash: string | null;
  /** The whole sweep's seed list (a range when it is one). */
  readonly seeds: SeedList;
  readonly results: readonly SeedResult[];
}

export function scenarioHash(file: string | undefined): string | null {
  return file === undefined ? null : createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function compactSeeds(seeds: readonly number[]): SeedList {
  const range = seeds.length > 0 && seeds.every((s, i) => i === 0 || s === seeds[i - 1] + 1);
  return range ? { from: seeds[0], to: seeds[seeds.length - 1] } : { list: [...seeds] };
}

export function expandSeeds(s: SeedList): number[] {
  return 'list' in s
    ? [...s.list]
    : Array.from({ length: s.to - s.from + 1 }, (_, i) => s.from + i);
}

export function toCheckPart(run: CheckRun, shard: CheckShard): CheckPart {
  return {
    format: CHECK_PART_FORMAT,
    version: CHECK_PART_VERSION,
    shard,
    context: run.context,
    scenarioHash: scenarioHash(run.file),
    seeds: compactSeeds(run.seeds),
    results: run.results,
  };
}

export function parseCheckPart(text: string, name: string): CheckPart {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RangeError(
      `merge: ${name} is not JSON (${(e as Error).message}); give the files written by check --shard k/N --out FILE`,
      { cause: e },
    );
  }
  const p = doc as Partial<CheckPart> | null;
  if (p === null || typeof p !== 'object' || p.format !== CHECK_PART_FORMAT)
    throw new RangeError(
      `merge: ${name} is not a check part (no format '${CHECK_PART_FORMAT}'); give the files written by check --shard k/N --out FILE`,
    );
  if (p.version !== CHECK_PART_VERSION)
    throw new RangeError(
      `merge: ${name} has format version ${String(p.version)}; this kernel-sim reads version ${CHECK_PART_VERSION} (re-run the shard with this version)`,
    );
  if (!p.shard || !p.context || !p.seeds || !Array.isArray(p.results))
    throw new RangeError(`merge: ${name} is incomplete (needs shard, context, seeds and results)`);
  return p as CheckPart;
}

function sweepKey(p: CheckPart): string {
  return JSON.stringify([p.shard.count, p.context, p.scenarioHash, p.seeds]);
}

function describeSweep(p: CheckPart): string {
  const seeds =
    'list' in p.seeds
      ? `${p.seeds.list.length} listed seeds`
      : `seeds ${p.seeds.from}..${p.seeds.to}`;
  const flags = p.context.runArgs === undefined ? 'no run flags' : p.context.runArgs.join(' ');
  return `${p.context.scenario} (${seeds}, ${p.shard.count} shards${p.context.faults ? ', faults on' : ''}, ${flags}, scenario sha256 ${p.scenarioHash?.slice(0, 12) ?? 'none'})`;
}

function checkSameSweep(parts: readonly CheckPart[], names: readonly string[]): void {
  const key = sweepKey(parts[0]);
  parts.forEach((p, i) => {
    if (sweepKey(p) === key) return;
    const hashOnly =
      sweepKey({ ...p, scenarioHash: parts[0].scenarioHash }) === key
        ? ' (the scenario file differs between the machines: run every shard on the same file)'
        : '';
    throw new RangeError(
      `merge: ${names[i]} is from a different sweep${hashOnly}: ${describeSweep(p)}, but ${names[0]} is ${describeSweep(parts[0])}`,
    );
  });
}

function checkShardsOnce(parts: readonly CheckPart[], names: readonly string[]): void {
  const count = parts[0].shard.count;
  const seen = new Map<number, string>();
  parts.forEach((p, i) => {
    const other = seen.get(p.shard.index);
    if (other !== undefined)
      throw new RangeError(
        `merge: shard ${p.shard.index}/${count} given twice (${other} and ${names[i]})`,
      );
    seen.set(p.shard.index, names[i]);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0)
    throw new RangeError(
      `merge: missing shard(s) ${missing.map((k) => `${k}/${count}`).join(', ')}; run check --shard k/${count} for each and give every part`,
    );
}

/** Each part holds exactly its slice's seeds, each once, in order. */
function checkSlice(p: CheckPart, name: string, seeds: readonly number[]): void {
  const [start, end] = shardRange(seeds.length, p.shard);
  const want = seeds.slice(start, end);
  const got = p.results.map((r) => r.seed);
  if (got.length !== want.length || got.some((s, i) => s !== want[i]))
    throw new RangeError(
      `merge: ${name} (shard ${p.shard.index}/${p.shard.count}) should hold the results of ${want.length} seed(s) ${want[0] ?? ''}..${want[want.length - 1] ?? ''} in order, but holds ${got.length}; re-run that shard`,
    );
}

export function mergeCheckParts(
  parts: readonly CheckPart[],
  names: readonly string[] = parts.map((_, i) => `part ${i + 1}`),
): { results: SeedResult[]; context: CheckContext } {
  if (parts.length === 0)
    throw new RangeError(
      'merge: no parts given; name the files written by check --shard k/N --out FILE',
    );
  checkSameSweep(parts, names);
  checkShardsOnce(parts, names);
  const seeds = expandSeeds(parts[0].seeds);
  const ordered = [...parts.keys()].sort((a, b) => parts[a].shard.index - parts[b].shard.index);
  const results: SeedResult[] = [];
  for (const i of ordered) {
    checkSlice(parts[i], names[i], seeds);
    results.push(...parts[i].results);
  }
  return { results, context: parts[0].context };
}
