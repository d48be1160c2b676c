/**
 * ReportSummary: what the HTML report's summary panel shows besides the
 * timeline: the run's outcome, seed and reproduce command, and the plugin
 * reports. A RunResult or a ScenarioReport spreads into it as it is
 * (`{ ...result, scenario: 'name', reproduce, plugins }`, or `{ ...report }`);
 * every field is optional, and what is missing is left out.
 */
export interface PluginSection {
  readonly name: string;
  /** The plugin's `lines()`. */
  readonly lines: readonly string[];
}

export interface ReportSummary {
  /** Page title; defaults to the scenario name, else 'simulation run'. */
  readonly title?: string;
  /** The scenario's name, or a ScenarioReport's `{ name, description, source }`. */
  readonly scenario?:
    string | { readonly name: string; readonly description?: string; readonly source?: string };
  readonly description?: string;
  readonly outcome?: string;
  readonly seed?: number;
  readonly ticks?: number;
  readonly reason?: string | null;
  readonly eventsHash?: string;
  /** A command line that reproduces the run, e.g. `kernel-sim scenario x.ts --seed 7`. */
  readonly reproduce?: string;
  readonly plugins?: readonly PluginSection[];
  /** A scenario's own series (its summary()'s `series`), drawn as a chart beside the timeline. */
  readonly series?: Readonly<Record<string, readonly number[]>>;
}

/** The scenario's name and description, whichever form `scenario` has. */
export function scenarioOf(s: ReportSummary): { name?: string; description?: string } {
  if (s.scenario === undefined)
    return s.description === undefined ? {} : { description: s.description };
  if (typeof s.scenario === 'string')
    return {
      name: s.scenario,
      ...(s.description === undefined ? {} : { description: s.description }),
    };
  const description = s.description ?? s.scenario.description;
  return { name: s.scenario.name, ...(description === undefined ? {} : { description }) };
}
