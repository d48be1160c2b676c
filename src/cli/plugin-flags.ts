/**
 * createPlugins: what the plugin-like flags of `kernel-sim scenario` become.
 *
 *   --plugin NAME[=ARG]   a plugin from the registry (src/plugins); an unknown
 *                         name is a CliError listing the known ones (exit 2)
 *   --trace FILE          the tracer plugin, writing Chrome Trace JSON to FILE
 *   --report FILE.html    a timeline recorder attached before setup; the HTML
 *                         report is written from its model when the run ends
 *   --faults              seeded faults (src/faults) installed before setup,
 *                         reported like a plugin named 'faults'
 *
 * The result: `plugins` (for runScenario), `attach(sim)` (what must be in
 * place before setup: the recorder, the faults), `reproduceArgs` (--plugin
 * and --faults change the run, so the reproduce line keeps them; --trace and
 * --report only observe and are left out), and `finish(report)` -> the
 * files written.
 *
 * The plugin registry, the report writer and the fault plan are imported
 * only when a flag asks for them, so a plain run starts faster.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { FaultPlan } from '../faults/index.ts';
import type { ReportSummary } from '../report/index.ts';
import type { RunFaults, ScenarioPlugin, ScenarioReport } from '../scenario/index.ts';
import type { Simulation } from '../simulation/index.ts';
import { CliError } from './cli-error.ts';

export interface PluginSet {
  readonly plugins: readonly ScenarioPlugin[];
  readonly reproduceArgs: readonly string[];
  attach(sim: Simulation): void;
  /** The run ended (before expect and summary): the HTML recorder stops here. */
  runEnded(): void;
  finish(report: ScenarioReport): string[];
  /** With --faults: what the run and its expect() learn of the faults. */
  readonly faults?: RunFaults;
}

export interface PluginFlags {
  readonly plugin?: readonly string[];
  readonly trace?: string;
  readonly report?: string;
  readonly faults?: boolean;
}

export async function createPlugins(flags: PluginFlags, cwd: string): Promise<PluginSet> {
  const specs = [...(flags.plugin ?? [])];
  const reproduceArgs = specs.flatMap((s) => ['--plugin', s]);
  const tracePath = flags.trace === undefined ? null : outputPath(flags.trace, cwd, '--trace');
  if (tracePath !== null) specs.push(`tracer=${tracePath}`);
  const plugins: ScenarioPlugin[] = specs.length === 0 ? [] : await fromRegistry(specs);
  const htmlPath = flags.report === undefined ? null : outputPath(flags.report, cwd, '--report');
  const report = htmlPath === null ? null : await import('../report/index.ts');
  // The report's recorder keeps a budget of exact calls per lane and folds the rest into bins (bounded memory).
  const recorder =
    report === null ? null : new report.TimelineRecorder({ retention: new report.ReportBudget() });
  const faults =
    flags.faults === true
      ? new FaultsSection((await import('../faults/index.ts')).installFaults)
      : null;
  if (faults !== null) {
    plugins.push(faults);
    reproduceArgs.push('--faults');
  }
  return {
    plugins,
    reproduceArgs,
    attach: (sim) => {
      recorder?.attach(sim);
      faults?.install(sim);
    },
    runEnded: () => recorder?.detach(),
    ...(faults === null ? {} : { faults: faults.runFaults() }),
    finish: (r) => {
      const written = tracePath === null ? [] : [tracePath];
      if (report !== null && recorder !== null && htmlPath !== null)
        written.push(report.writeHtmlReport(htmlPath, recorder.model(), htmlSummary(r)));
      return written;
    },
  };
}

/** The fault plan of a run, reported as a plugin: which sites were active and what fired. */
class FaultsSection implements ScenarioPlugin {
  readonly name = 'faults';
  private plan: FaultPlan | null = null;

  constructor(private readonly installFaults: (sim: Simulation) => FaultPlan) {}

  install(sim: Simulation): void {
    this.plan = this.installFaults(sim);
  }

  attach(): void {}

  /** What runScenario and expect() learn of the faults (as under check). */
  runFaults(): RunFaults {
    return {
      fired: () => this.plan?.sitesFired() ?? [],
      excuses: (f) => this.plan?.caused(f.error) === true,
    };
  }

  report(): unknown {
    return { active: this.plan?.active ?? [], log: this.plan?.log ?? [] };
  }

  lines(): string[] {
    const active = this.plan?.active ?? [];
    if (active.length === 0) return ['no fault site was active in this run'];
    return [
      ...this.plan!.summary(),
      ...this.plan!.log.map((r) => `tick ${r.tick}: ${r.site}: ${r.detail}`),
    ];
  }
}

function htmlSummary(r: ScenarioReport): ReportSummary {
  return {
    scenario: r.scenario.name,
    description: r.scenario.description,
    outcome: r.outcome,
    seed: r.seed,
    ticks: r.ticks,
    ...(r.reason === null ? {} : { reason: r.reason }),
    eventsHash: r.eventsHash,
    reproduce: r.reproduce,
    plugins: r.plugins.map((p) => ({ name: p.name, lines: p.lines })),
    ...(r.series === undefined ? {} : { series: r.series }),
  };
}

async function fromRegistry(specs: readonly string[]): Promise<ScenarioPlugin[]> {
  const { createPlugin, PluginSpecError } = await import('../plugins/index.ts');
  return specs.map((spec) => {
    try {
      return createPlugin(spec);
    } catch (e) {
      if (e instanceof PluginSpecError)
        throw new CliError(`--plugin ${spec}: ${e.message}`, undefined, { cause: e });
      throw e;
    }
  });
}

/** The absolute output path, checked before the run: its folder exists and can be written, it is not a folder. */
function outputPath(path: string, cwd: string, flag: string): string {
  if (path.trim() === '') throw new CliError(`${flag} needs a file name`);
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new CliError(
      `${flag} ${path}: the folder ${folder} does not exist; create it first or choose another path`,
    );
  if (existsSync(file) && statSync(file).isDirectory())
    throw new CliError(`${flag} ${path}: that is a folder; give a file name`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CliError(`${flag} ${path}: the folder ${folder} cannot be written`);
  }
  return file;
}
