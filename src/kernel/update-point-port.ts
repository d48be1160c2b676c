/**
 * UpdatePointPort: the port an update-points swap (Ginseng) plugs into.
 * The kernel calls `reached(thread, cpu, kind)` when a thread reaches an
 * update point: `'point'` when its body runs `yield* updatePoint()` (a loop
 * head, as in Ginseng's loop extraction), `'exit'` when it exits (a thread
 * that has ended holds no frame, so its end is an update point too).
 *
 * Interface: one port per kernel (`kernel.updatePoints`); the hot swapper
 * installs itself there. `reached` runs in kernel context, after the step
 * that reached the point, before any other step: what it decides (refuse,
 * or apply the update) is atomic with respect to every thread.
 */
import type { Thread } from './thread.ts';

export type UpdatePointKind = 'point' | 'exit';

export interface UpdatePointPort {
  reached(thread: Thread, cpu: number, kind: UpdatePointKind): void;
}

export const NO_UPDATE_POINTS: UpdatePointPort = {
  reached() {},
};
