/**
 * main: `npm run bench` (node --expose-gc dist/bench/main.js).
 *
 *   npm run bench                      the whole suite, printed
 *   npm run bench -- --only <group>    one group (see BENCH_GROUPS)
 *   npm run bench -- --write           the whole suite, then rewrite docs/BENCHMARKS.md
 *                                      (formatted with the repository's prettier config)
 *   npm run bench -- --smoke           every benchmark at tiny sizes (a quick check)
 *
 * Prints each figure as it is measured (value, baseline, ratio, goal), then a
 * summary table. Exit code 0 whether goals are met or not (it is a
 * measurement, not a test); 2 on bad arguments.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BenchArgsError, parseBenchArgs, type BenchArgs } from './bench-args.ts';
import { runSuite } from './bench-suite.ts';
import { renderBenchmarksDoc } from './benchmarks-doc.ts';
import { machineInfo } from './machine-info.ts';
import { figureLine, summaryTable } from './summary-table.ts';

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof BenchArgsError)) throw e;
    console.error(`bench: ${e.message}`);
    process.exit(2);
  }
  const machine = machineInfo();
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
    console.warn('bench: run with node --expose-gc (npm run bench does) for the memory figures');
  console.log(
    `kernel-sim bench on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}${args.smoke ? ', smoke sizes' : ''}`,
  );
  const result = await runSuite({
    scale: args.smoke ? 'smoke' : 'full',
    only: args.only,
    onGroupStart: (g) => console.log(`\n[${g.name}] ${g.about}`),
    onFigure: (f) => console.log(figureLine(f)),
  });
  console.log(
    `\nSummary (${(result.totalMs / 1000).toFixed(1)} s)\n${summaryTable(result.figures)}`,
  );
  if (!args.write) return;
  const path = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : null;
  const text = renderBenchmarksDoc({
    result,
    machine,
    command: 'npm run bench -- --write',
    previous,
  });
  // formatted as `npm run lint` wants it, so the written file is the one to commit
  const { format, resolveConfig } = await import('prettier');
  const config = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(text, { ...config, filepath: path }));
  console.log(`\nwrote ${path}`);
}

await main();
