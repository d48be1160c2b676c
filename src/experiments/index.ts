/**
 * experiments/: sweeps of simulations run outside the simulation core (wall
 * time, promises and worker threads are allowed here). Today: the
 * quiescence-latency experiment, and the generic WorkerPool it runs on.
 */
export {
  runQuiescenceExperiment,
  type QuiescenceExperimentResult,
  type QuiescenceExperimentHooks,
  type QuiescenceProgress,
  type QuiescenceTiming,
  finishQuiescenceExperiment,
  executeQuiescenceRuns,
  resolveQuiescenceWorkers,
} from './run-quiescence-experiment.ts';
export {
  resolveQuiescenceSweep,
  DEFAULT_SWEEP,
  type QuiescenceSweepOptions,
  type QuiescenceExperimentOptions,
  type ResolvedSweep,
} from './quiescence-sweep-options.ts';
export { mapSerial } from './map-serial.ts';
export { measureParallelSpeedup, type SpeedupMeasurement } from './measure-parallel-speedup.ts';
export { REFERENCE_QUIESCENCE_SWEEP } from './reference-quiescence-sweep.ts';
export { sweepPoints, sweepRuns, type SweepPoint } from './quiescence-sweep-grid.ts';
export {
  runQuiescenceRun,
  REQUEST_STREAM,
  type QuiescenceRunSpec,
  type QuiescenceRunRecord,
  type QuiescenceRunOutput,
} from './quiescence-run.ts';
export { summarizePoint, type QuiescencePointSummary } from './quiescence-point-summary.ts';
export { quiescenceCsv, QUIESCENCE_CSV_COLUMNS } from './quiescence-results-csv.ts';
export { quiescencePlotSpec, type PlotMetric } from './quiescence-plot-spec.ts';
export { renderVegaLiteSvg, PlotLibraryMissingError, VEGA_INSTALL } from './vega-svg.ts';
export {
  writeQuiescenceResults,
  quiescenceJson,
  type QuiescenceResultsInput,
} from './write-quiescence-results.ts';
export { parseLifetime, formatLifetime, lifetimeMeanTicks } from './lifetime-notation.ts';
export { percentile, tickStats, type TickStats } from './tick-stats.ts';
export {
  WorkerPool,
  taskModule,
  type TaskModule,
  type WorkerPoolOptions,
  type TaskMessage,
  type ResultMessage,
} from './worker-pool.ts';
export { runStrategyRun, type StrategyRunSpec, type StrategyRunRecord } from './strategy-run.ts';
export { summarizeStrategy, type StrategySummary } from './strategy-summary.ts';
export {
  strategiesCsv,
  strategiesJson,
  strategyPlotSpec,
  writeStrategyResults,
  STRATEGIES_CSV_COLUMNS,
  type StrategyMetric,
  type StrategyResultsInput,
} from './strategy-results.ts';
export {
  runStrategyExperiment,
  finishStrategyExperiment,
  strategyGrid,
  STRATEGY_WORKLOADS_DEFAULT,
  type StrategyExperimentOptions,
  type StrategyExperimentResult,
} from './run-strategy-experiment.ts';
export {
  runQuiescencePart,
  parseQuiescencePart,
  mergeQuiescenceParts,
  type QuiescencePart,
  type MergedQuiescence,
} from './quiescence-part.ts';
export {
  isExperimentPart,
  experimentOfPart,
  tileParts,
  EXPERIMENT_PART_FORMAT,
  EXPERIMENT_PART_VERSION,
  type PartShard,
  type SliceOf,
  type TiledPart,
} from './experiment-part.ts';
export {
  runStrategyPart,
  parseStrategyPart,
  mergeStrategyParts,
  type StrategyPart,
} from './strategy-part.ts';
export {
  runMediationComparison,
  runMediationRun,
  summarizeMediation,
  mediationTable,
  type MediationComparisonOptions,
  type MediationRun,
  type MediationSummary,
} from './mediation-comparison.ts';
