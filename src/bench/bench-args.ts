/**
 * benchArgs: the command line of `npm run bench`, parsed and checked.
 *
 *   --only <group> | --only=<group>   one group
 *   --write                           rewrite docs/BENCHMARKS.md (whole suite only)
 *   --smoke                           tiny sizes (a quick check that all run)
 *
 * Interface: `parseBenchArgs(argv)` -> BenchArgs, or throws BenchArgsError
 * whose message names the bad argument and lists the groups. Parsing is
 * Node's own `util.parseArgs`; this file adds only the checks.
 */
import { parseArgs } from 'node:util';
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
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        write: { type: 'boolean', default: false },
        smoke: { type: 'boolean', default: false },
        only: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new BenchArgsError(describeParseError(e));
  }
  const { write, smoke, only } = values;
  if (only !== undefined && !BENCH_GROUPS.some((g) => g.name === only))
    throw new BenchArgsError(`no benchmark group '${only}'`);
  if (write && (only !== undefined || smoke))
    throw new BenchArgsError(
      '--write records the whole suite at full size: drop --only and --smoke',
    );
  return { write, smoke, only };
}

/** util.parseArgs' own messages, in this command's words. */
function describeParseError(e: unknown): string {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && message.includes('--only'))
    return '--only needs a group name';
  const unknown = /Unknown option '([^']+)'|Unexpected argument '([^']+)'/.exec(message);
  if (unknown !== null) return `unknown argument '${unknown[1] ?? unknown[2]}'`;
  return message;
}
