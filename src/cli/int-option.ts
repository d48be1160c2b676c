/**
 * intOption: a commander argument parser for an integer flag within a range.
 * A value that is not a whole number, or out of range, is rejected with the
 * flag's accepted range; commander reports it and the CLI exits 2.
 *
 *   new Option('--cpus <n>').argParser(intOption(1, 64))
 */
import { InvalidArgumentError } from 'commander';

export function intOption(min: number, max: number): (value: string) => number {
  return (value: string) => parseIntIn(value, min, max);
}

export function parseIntIn(value: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(
      `expected an integer from ${min} to ${max.toLocaleString('en-US')}`,
    );
  }
  return n;
}
