/**
 * scenario/: the scenario API. `defineScenario({...})` is what a scenario
 * file exports; `runScenario(scenario, {seed, ...})` runs it once and returns
 * a ScenarioReport (no process I/O: the CLI prints it).
 */
export {
  defineScenario,
  isScenario,
  withFile,
  checkOptionNames,
  SCENARIO_BRAND,
  SCENARIO_OPTION_NAMES,
  ON_FAILED_THREAD_MODES,
  type OnFailedThread,
  type Scenario,
  type ScenarioSpec,
  type ScenarioOptions,
} from './define-scenario.ts';
export {
  runScenario,
  resolveScenarioOptions,
  type RunScenarioOptions,
  type ScenarioPlugin,
} from './run-scenario.ts';
export {
  reproduceCommand,
  shellQuote,
  OVERRIDE_FLAGS,
  paramArgs,
  overrideArgs,
  type ScenarioOverrides,
} from './reproduce-command.ts';
export {
  checkParamsSpec,
  resolveScenarioParams,
  paramMins,
  parseParamArg,
  type ParamSpec,
  type ParamsSpec,
  type ScenarioParams,
} from './scenario-params.ts';
export { ScenarioInputError, ScenarioSetupError, locateError } from './scenario-error.ts';
export { reportSwap, type SwapReport, type SwapPhaseReport } from './swap-report.ts';
export { RunTally } from './run-tally.ts';
export { readSummary, type ScenarioSummary, type SummarySeries } from './summary-series.ts';
export { expectInfo, type ExpectInfo, type RunFaults } from './expect-info.ts';
export type {
  ScenarioReport,
  ObjectSummary,
  PluginReport,
  FailedThread,
} from './scenario-report.ts';
