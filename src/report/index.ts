/**
 * report/: views of a finished run. A TimelineRecorder folds the event
 * stream into a TimelineModel (pure JSON data); toChromeTrace turns it into
 * a Perfetto / chrome://tracing file (the tracer plugin) and
 * renderHtmlReport into a self-contained HTML teaching page. The browser
 * helper that screenshots a report lives with the tests
 * (test/report/report-browser.ts): it needs playwright-core, a dev dependency.
 */
export {
  TIMELINE_FORMAT,
  RUN_ENDS,
  CALL_ERROR,
  CALL_OPEN,
  CALL_HELD,
  CALL_TORN,
  callLaneKey,
  callCount,
  type TimelineModel,
  type CallColumns,
  type RunColumns,
  type HeldColumns,
  type GenerationColumns,
  type ThreadInfo,
  type ObjectInfo as TimelineObjectInfo,
  type ObjectVersionInfo,
  type QuiescenceInfo,
  type SwapInfo,
  type SwapPhaseSpan,
  type MediatorMark,
  type LaneInfo,
  type LaneKind,
  type RunEnd,
  type LaneBins,
  type TimelineAggregates,
} from './timeline-model.ts';
export {
  TimelineRecorder,
  recordTimeline,
  type TimelineSource,
  type TimelineRecorderOptions,
  type RetentionWithAggregates,
} from './timeline-recorder.ts';
export type { TimelineRetention } from './timeline-retention.ts';
export { TraceStreamWriter } from './trace-stream-writer.ts';
export { ReportBudget, aggregatedText, type ReportBudgetOptions } from './report-budget.ts';
export {
  toChromeTrace,
  streamChromeTrace,
  traceEventCount,
  checkTraceNesting,
  PID_THREADS,
  PID_CPUS,
  PID_KERNEL,
  PID_SWAPS,
  type ChromeTrace,
  type TraceEvent,
} from './chrome-trace.ts';
export { renderHtmlReport, writeHtmlReport } from './html-report.ts';
export { scenarioOf, type ReportSummary, type PluginSection } from './report-summary.ts';
export { escapeHtml, jsonForScript } from './html-escape.ts';
export { VERSION_COLORS, PHASE_COLORS, MARK_COLORS, versionColor } from './report-colors.ts';
export { streamJson, fileSink, type FileSink } from './json-stream.ts';
