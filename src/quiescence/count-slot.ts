/**
 * CountSlot: one activation of a thread, as the detector counted it. It is
 * what a detector keeps in `thread.quiescence` (K42 keeps a pointer to the
 * generation counter the thread was counted in).
 *
 * Fields: `cpu` and `generation` where it was counted (detector-specific
 * numbering), `tickCounted`; `seq`, the activation number (machine-wide, in
 * counting order); `alive`, false once uncounted; `index`, K42's generation
 * slot (0 or 1; other detectors leave it 0).
 *
 * Invariant: `alive` is true exactly between the detector's activate and
 * deactivate of this activation. A thread counted again gets a new slot.
 */
import type { Thread } from '../kernel/index.ts';

export class CountSlot {
  generation = 0;
  index: 0 | 1 = 0;
  alive = true;

  constructor(
    readonly thread: Thread,
    readonly cpu: number,
    readonly seq: number,
    readonly tickCounted: number,
  ) {}
}
