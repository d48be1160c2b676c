/**
 * ActiveThreadCount: one CPU's generation counters, faithful to K42's
 * ActiveThrdCnt (sys/ActiveThrdCnt.{H,C}).
 *
 * State: `index` the current generation index (0 or 1); `activations` the
 * threads activated in the current generation, not yet folded in; `active`
 * the two live counters; `genCount` the successful advances so far.
 *
 * count(): a thread activates into the current generation (K42 adds 2 to
 * genIndexAndActivationCnt). uncount(idx): it deactivates, decrementing the
 * counter of the generation it was counted in (it may go negative until the
 * activations are folded in). advance(): let next = index ^ 1; if
 * active[next] != 0 (threads two generations old still alive) record
 * interest and fail; else fold the activations into active[index] and make
 * next current. updateTheGen(): try advance() twice. A marker m (a genCount)
 * has elapsed when genCount - m >= 2: every thread alive at m has finished.
 * `generationsToElapse` is that 2; only a planted bug (K42Detector's
 * plantEarlyGeneration, for measuring the checkers) ever lowers it.
 *
 * Invariant: `index` is the parity of `genCount` (each advance flips one and
 * increments the other), so a thread that remembers the genCount it was
 * counted at knows its counter slot (`slotOf`): the detector keeps one
 * number on the thread, not a slot object.
 */
export class ActiveThreadCount {
  index: 0 | 1 = 0;
  activations = 0;
  readonly active: [number, number] = [0, 0];
  genCount = 0;
  interest = false;
  failedAdvances = 0;
  /** Advances after which a marker has elapsed: 2 (K42); 1 only when a planted bug says so. */
  generationsToElapse = 2;

  constructor(readonly cpu: number) {}

  /** The counter slot of a thread counted when genCount was `genCount` (the invariant above). */
  static slotOf(genCount: number): 0 | 1 {
    return (genCount & 1) as 0 | 1;
  }

  count(): 0 | 1 {
    this.activations++;
    return this.index;
  }

  uncount(index: 0 | 1): void {
    this.active[index]--;
  }

  /** The counter that must be zero for the next advance: the older generation. */
  get older(): number {
    return this.active[this.index ^ 1];
  }

  advance(): boolean {
    const next = (this.index ^ 1) as 0 | 1;
    if (this.active[next] !== 0) {
      this.interest = true;
      this.failedAdvances++;
      return false;
    }
    this.active[this.index] += this.activations;
    this.activations = 0;
    this.index = next;
    this.genCount++;
    this.interest = false;
    return true;
  }

  /** Try to advance twice; returns how many advances succeeded. */
  updateTheGen(): number {
    if (!this.advance()) return 0;
    return this.advance() ? 2 : 1;
  }

  elapsed(marker: number): boolean {
    return this.genCount - marker >= this.generationsToElapse;
  }

  /** Threads counted and alive in this CPU's generations (both counters plus unfolded activations). */
  get alive(): number {
    return this.active[0] + this.active[1] + this.activations;
  }
}
