/**
 * timelineLanes: the lanes of a TimelineModel, top to bottom: one per CPU,
 * one per swap, one per CPU whose kernel context made calls, one per thread
 * (in id order). A call lane has as many rows as its deepest nesting
 * (`kernelRowsSeen`: rows of kernel lanes whose calls were not all kept).
 */
import type { CallColumns, LaneInfo, SwapInfo, ThreadInfo } from './timeline-model.ts';

export function timelineLanes(
  cpus: number,
  threads: readonly ThreadInfo[],
  calls: CallColumns,
  swaps: readonly SwapInfo[],
  kernelRowsSeen: ReadonlyMap<number, number> = new Map(),
): LaneInfo[] {
  const lanes: LaneInfo[] = [];
  for (let cpu = 0; cpu < cpus; cpu++)
    lanes.push({ key: `cpu-${cpu}`, kind: 'cpu', id: cpu, label: `cpu ${cpu}`, rows: 1 });
  for (const s of swaps)
    lanes.push({
      key: `swap-${s.swap}`,
      kind: 'swap',
      id: s.swap,
      label: `swap ${s.swap}: ${s.to.join(', ')}`,
      rows: 1,
    });
  const kernelRows = new Map(kernelRowsSeen);
  for (let i = 0; i < calls.thread.length; i++) {
    if (calls.thread[i] < 0)
      kernelRows.set(calls.cpu[i], Math.max(kernelRows.get(calls.cpu[i]) ?? 0, calls.depth[i] + 1));
  }
  for (const cpu of [...kernelRows.keys()].sort((a, b) => a - b)) {
    lanes.push({
      key: `kernel-${cpu}`,
      kind: 'kernel',
      id: cpu,
      label: `kernel on cpu ${cpu}`,
      rows: kernelRows.get(cpu)!,
    });
  }
  for (const t of threads)
    lanes.push({
      key: `thread-${t.id}`,
      kind: 'thread',
      id: t.id,
      label: `${t.name} #${t.id}`,
      rows: t.depthMax + 1,
    });
  return lanes;
}
