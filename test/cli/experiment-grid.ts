/**
 * A small quiescence experiment grid for the shard and queue tests, and how
 * they compare a run's output with the serial one: the folder's files but
 * quiescence-timing.json (wall-clock figures), and stdout without its
 * wall-clock line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** 3 detectors x 2 lifetimes = 6 cells, 3 seeds each: 18 runs. */
export const SMALL_GRID = [
  'experiment',
  'quiescence',
  '--lifetimes',
  'exp:4,bimodal:2:30:0.2',
  '--cpus',
  '2',
  '--gaps',
  '6',
  '--seeds',
  '3',
  '--threads-per-cpu',
  '12',
  '--requests',
  '3',
  '--no-plots',
];

/** The folder's files but the timing one, name -> bytes. */
export function deterministicFiles(folder: string): Map<string, string> {
  return new Map(
    readdirSync(folder)
      .filter((f) => f !== 'quiescence-timing.json')
      .sort()
      .map((f) => [f, readFileSync(join(folder, f), 'utf8')]),
  );
}

/** stdout without the wall-clock line and with the folder's path made neutral. */
export function tableOf(stdout: string, folder: string): string {
  return stdout
    .split('\n')
    .filter((l) => !/ runs on \d+ worker\(s\) in /.test(l))
    .join('\n')
    .replaceAll(folder, 'OUT');
}
