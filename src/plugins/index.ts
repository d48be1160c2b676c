/**
 * plugins/: ready interposition plugins and the registry the CLI attaches
 * them by name from. Every plugin is written against the public API of the
 * other layers only, the way a user writes one (docs/PLUGINS.md).
 */
export type { Plugin, PluginFactory } from './plugin.ts';
export {
  PLUGINS,
  createPlugin,
  parsePluginSpec,
  pluginNames,
  registerPlugin,
  PluginSpecError,
  type PluginEntry,
} from './plugin-registry.ts';
export { InterposingPlugin } from './interposing-plugin.ts';
export { TracerPlugin, type TracerReport } from './tracer.ts';
export { ObjectFilter, MethodFilter } from './object-filter.ts';
export { formatValue, formatArgs, type FormatOptions } from './format-value.ts';
export { sameResult } from './same-result.ts';
export {
  CallCounter,
  CallCounterPlugin,
  type MethodCount,
  type CallCounterReport,
} from './call-counter.ts';
export { LatencyHistogram, type LatencySummary, type LatencyBucket } from './latency-histogram.ts';
export { LatencyTimer, LatencyTimerPlugin, type LatencyReport } from './latency-timer.ts';
export {
  CallLogger,
  CallLoggerPlugin,
  type CallLoggerOptions,
  type CallLoggerReport,
  type LineSink,
} from './call-logger.ts';
export {
  ArgumentChecker,
  ArgumentCheckerPlugin,
  ArgumentCheckError,
  FINITE_NUMBERS,
  describeViolation,
  type ArgumentPredicate,
  type ArgumentRules,
  type ArgumentViolation,
  type ArgumentCheckerOptions,
  type ArgumentCheckerReport,
  type CheckMode,
} from './argument-checker.ts';
export {
  Rewriter,
  RewriterPlugin,
  type MethodRewrite,
  type Rewrites,
  type RewriteCount,
  type RewriterOptions,
  type RewriterReport,
} from './rewriter.ts';
export {
  Replicator,
  ReplicatorPlugin,
  describeDivergence,
  type Divergence,
  type ResultsEqual,
  type ReplicatorOptions,
  type ReplicatorReport,
} from './replicator.ts';
