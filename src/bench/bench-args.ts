/**
 * benchArgs: the command line of `npm run bench`, parsed and checked.
 *
 *   --only <group> | --only=<group>   one group
 *   --write                           rewrite docs/BENCHMARKS.md (whole suite only)
 *   --smoke                           tiny sizes (a quick check that all run)
 *
 * Interface: `parseBenchArgs(argv)` -> BenchArgs, or throws BenchArgsError
 * whose message names the bad argument and lists the groups.
 */
import { BENCH_GROUPS } from './bench-suite.ts';

export interface BenchArgs {
  readonly write: boolean;
  readonly smoke: boolean;
  readonly only: string | undefined;
}

export class BenchArgsError extends Error {
  override readonly name = 'BenchArgsError';
  constructor(problem: string) {
    super(
      `${problem}\nusage: npm run bench [-- --only <group>] [-- --write] [-- --smoke]\ngroups: ${BENCH_GROUPS.map((g) => g.name).join(', ')}`,
    );
  }
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let write = false;
  let smoke = false;
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--write') write = true;
    else if (a === '--smoke') smoke = true;
    else if (a === '--only') {
      only = argv[++i];
      if (only === undefined) throw new BenchArgsError('--only needs a group name');
    } else if (a.startsWith('--only=')) only = a.slice('--only='.length);
    else throw new BenchArgsError(`unknown argument '${a}'`);
  }
  if (only !== undefined && !BENCH_GROUPS.some((g) => g.name === only))
    throw new BenchArgsError(`no benchmark group '${only}'`);
  if (write && (only !== undefined || smoke))
    throw new BenchArgsError(
      '--write records the whole suite at full size: drop --only and --smoke',
    );
  return { write, smoke, only };
}
