/**
 * RunInterrupted: thrown by a run's slicer (the watchdog, scenario/watchdog.ts)
 * to end the run as a liveness failure with a reason that names the culprit.
 * Simulation.run turns it into `{ outcome: 'liveness', reason }`; the
 * simulation must not be used after it (the interrupted step never ended).
 */
export class RunInterrupted extends Error {
  override readonly name = 'RunInterrupted';
}

/**
 * Runs the kernel in slices: `runSlice(itemsMax)` runs at most itemsMax
 * queue items and returns true when the run has ended. A slicer calls it
 * until then, and may throw RunInterrupted between or during slices.
 */
export type RunSlicer = (runSlice: (itemsMax: number) => boolean) => void;
