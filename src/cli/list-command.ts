/**
 * listCommand: `kernel-sim list`, the bundled scenarios with their one-line
 * descriptions (each file is loaded to read its definition). A file that
 * fails to load is listed with the reason instead of stopping the list.
 */
import { basename } from 'node:path';
import pc from 'picocolors';
import type { CliIo } from './cli-io.ts';
import { EXIT } from './exit-codes.ts';
import { loadScenario } from './load-scenario.ts';
import { packagePaths } from './package-paths.ts';
import { bundledScenarioFiles } from './scenario-path.ts';

export interface ListedScenario {
  readonly file: string;
  readonly name: string | null;
  readonly description: string;
  readonly error: string | null;
}

export interface ListCommandResult {
  readonly exitCode: number;
  readonly scenarios: readonly ListedScenario[];
}

export async function listCommand(io: CliIo): Promise<ListCommandResult> {
  const c = pc.createColors(io.color);
  const scenarios: ListedScenario[] = [];
  for (const path of bundledScenarioFiles()) {
    const file = basename(path);
    try {
      const s = await loadScenario(path);
      scenarios.push({ file, name: s.name, description: s.description, error: null });
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      scenarios.push({ file, name: null, description: '', error });
    }
  }
  const width = Math.max(0, ...scenarios.map((s) => s.file.length));
  io.out(`bundled scenarios (${packagePaths().scenarios}):`);
  for (const s of scenarios) {
    const text = s.error === null ? s.description : c.red(`(does not load: ${s.error})`);
    io.out(`  ${c.bold(s.file.padEnd(width))}  ${text}`);
  }
  if (scenarios.length === 0) io.out('  (none found)');
  io.out('');
  io.out(`run one: kernel-sim scenario ${scenarios[0]?.file ?? '<name>'} [--seed N]`);
  return { exitCode: EXIT.passed, scenarios };
}
