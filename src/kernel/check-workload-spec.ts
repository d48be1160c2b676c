/**
 * checkWorkloadSpec: refuse a workload spec that would not mean what it says
 * before any arrival is scheduled: an unknown lifetime kind, an unknown
 * field, a count or a tick that is not a whole number, a chance outside 0..1.
 * Throws a RangeError naming the field and what it accepts (a scenario's
 * setup error, so the CLI exits 2).
 *
 * Interface: `checkWorkloadSpec(spec)`; startWorkload calls it first.
 */
import type { WorkloadSpec } from './workload.ts';

const SPEC_KEYS = [
  'name',
  'threads',
  'meanGapTicks',
  'startTick',
  'lifetime',
  'sleepFraction',
  'weight',
  'body',
];

/** The fields each lifetime kind takes, each a number with its least value. */
const LIFETIME_FIELDS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  fixed: { ticks: 0 },
  uniform: { min: 0, max: 0 },
  exponential: { mean: 0 },
  bimodal: { short: 0, long: 0, longChance: 0 },
};

function fail(what: string): never {
  throw new RangeError(`workload: ${what}`);
}

function checkNumber(name: string, v: unknown, min: number, integer: boolean): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v)))
    fail(`${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${String(v)}`);
}

function checkLifetime(l: unknown): void {
  if (typeof l !== 'object' || l === null)
    fail(`lifetime must be an object { kind: ${Object.keys(LIFETIME_FIELDS).join(' | ')}, ... }`);
  const kind = (l as { kind?: unknown }).kind;
  const fields = typeof kind === 'string' ? LIFETIME_FIELDS[kind] : undefined;
  if (fields === undefined || !Object.hasOwn(LIFETIME_FIELDS, kind as string))
    fail(
      `unknown lifetime kind '${String(kind)}'; use one of ${Object.keys(LIFETIME_FIELDS).join(', ')}`,
    );
  for (const key of Object.keys(l)) {
    if (key !== 'kind' && !Object.hasOwn(fields, key))
      fail(
        `lifetime '${kind as string}' has no field '${key}'; it takes ${Object.keys(fields).join(', ')}`,
      );
  }
  const rec = l as Record<string, unknown>;
  for (const [field, min] of Object.entries(fields))
    checkNumber(`lifetime.${field}`, rec[field], min, field !== 'mean' && field !== 'longChance');
  if (kind === 'uniform' && (rec.min as number) > (rec.max as number))
    fail(
      `lifetime 'uniform' needs min <= max, got min ${String(rec.min)} > max ${String(rec.max)}`,
    );
  if (kind === 'bimodal' && (rec.longChance as number) > 1)
    fail(`lifetime.longChance must be from 0 to 1, got ${String(rec.longChance)}`);
}

export function checkWorkloadSpec(spec: WorkloadSpec): void {
  if (typeof spec !== 'object' || spec === null) fail('the spec must be an object');
  for (const key of Object.keys(spec)) {
    if (!SPEC_KEYS.includes(key)) fail(`unknown field '${key}'; known: ${SPEC_KEYS.join(', ')}`);
  }
  checkNumber('threads', spec.threads, 0, true);
  checkNumber('meanGapTicks', spec.meanGapTicks, 0, false);
  if (spec.startTick !== undefined) checkNumber('startTick', spec.startTick, 0, true);
  if (spec.sleepFraction !== undefined) {
    checkNumber('sleepFraction', spec.sleepFraction, 0, false);
    if (spec.sleepFraction > 1)
      fail(`sleepFraction must be from 0 to 1, got ${spec.sleepFraction}`);
  }
  if (spec.weight !== undefined) {
    checkNumber('weight.min', spec.weight.min, 1, true);
    checkNumber('weight.max', spec.weight.max, spec.weight.min, true);
  }
  if (spec.body !== undefined && typeof spec.body !== 'function')
    fail('body must be a function (ctx) => generator');
  checkLifetime(spec.lifetime);
}
