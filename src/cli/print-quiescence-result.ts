/**
 * printQuiescenceResult: what `kernel-sim experiment quiescence` prints on
 * stdout for a finished sweep (serial, merged from shards, or queued): one
 * line per point, the runs' wall time, the files written, and a warning when
 * runs did not pass. Every line but the wall-time one depends on the sweep
 * only.
 */
import pc from 'picocolors';
import type { QuiescenceExperimentResult } from '../experiments/index.ts';
import type { CliIo } from './cli-io.ts';

export function printQuiescenceResult(result: QuiescenceExperimentResult, io: CliIo): void {
  const c = pc.createColors(io.color);
  io.out(
    c.bold(
      'detector     poll  cpus  gap  lifetime              runs  latency p50/p99/max   lag p50/p99/max   unreached',
    ),
  );
  for (const p of result.points) {
    const cell = (a: number | null, b: number | null, m: number | null) =>
      `${a ?? '-'}/${b ?? '-'}/${m ?? '-'}`;
    io.out(
      `${p.series.split('/')[0].padEnd(11)}  ${String(p.pollTicks ?? '-').padStart(4)}  ${String(p.cpus).padStart(4)}  ${String(p.gapPerCpuTicks).padStart(3)}  ${p.lifetime.padEnd(20)}  ${String(p.runs).padStart(4)}  ` +
        `${cell(p.latencyMedianTicks, p.latencyP99Ticks, p.latencyMaxTicks).padEnd(20)}  ${cell(p.lagMedianTicks, p.lagP99Ticks, p.lagMaxTicks).padEnd(16)}  ${p.unreached}`,
    );
  }
  io.out(
    `${result.timing.runs} runs on ${result.timing.workers} worker(s) in ${(result.timing.wallMs / 1000).toFixed(1)} s`,
  );
  for (const f of result.files) io.out(`${c.bold('wrote:')} ${f}`);
  const failed = result.points.reduce((n, p) => n + p.runsFailed, 0);
  if (failed > 0) io.out(c.yellow(`${failed} run(s) did not pass; see quiescence.json`));
}
