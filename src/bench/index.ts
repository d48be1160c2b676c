/**
 * bench/: the `npm run bench` suite (tinybench): every figure of the project
 * as a ratio to a baseline measured in the same process, and the smoke entry
 * points `npm test` runs so that no benchmark rots. Wall time and
 * `performance` are allowed here (and only here, cli, experiments, report).
 */
export {
  BENCH_GROUPS,
  runSuite,
  findGroup,
  type BenchGroup,
  type SuiteOptions,
  type SuiteResult,
} from './bench-suite.ts';
export { figure, type BenchFigure, type Goal, type Baseline } from './bench-figure.ts';
export { pick, timing, type BenchScale, type Timing } from './bench-scale.ts';
export { kernelBench } from './kernel-bench.ts';
export { tableBench } from './table-bench.ts';
export { interpositionBench } from './interposition-bench.ts';
export { quiescenceBench } from './quiescence-bench.ts';
export { quiescenceRequestsBench, reclaimWhileAlive } from './quiescence-requests-bench.ts';
export { hotswapBench } from './hotswap-bench.ts';
export { endToEndBench } from './end-to-end-bench.ts';
export { headlineBench } from './headline-bench.ts';
export { runPeerWorkload, PeerObject, type PeerSpec, type PeerRun } from './peer-workload.ts';
export { runPeerMinimal, type PeerMinimalSpec, type PeerMinimalRun } from './peer-minimal.ts';
export { measureRounds, median, type RoundTask, type RoundFigure } from './measure-rounds.ts';
export { memoryBench } from './memory-bench.ts';
export { scalingBench } from './scaling-bench.ts';
export { swapUnderLoadBench } from './swap-under-load-bench.ts';
export { runMinimalSimulator, type MinimalSpec, type MinimalRun } from './minimal-simulator.ts';
export { runCallWorkload, type CallWorkloadSpec, type CallWorkloadRun } from './call-workload.ts';
export { renderBenchmarksDoc, carriedNotes, NOTES_BEGIN, NOTES_END } from './benchmarks-doc.ts';
export { summaryTable, figureLine } from './summary-table.ts';
export { logLogSlope } from './log-log-slope.ts';
export { parseBenchArgs, BenchArgsError, type BenchArgs } from './bench-args.ts';
