/**
 * ADMIT_TICKS: the CPU time a scheduling policy's `admit` call takes (its
 * admission bookkeeping). `admit` is the policies' one generator method: the
 * dispatcher's port calls (enqueue, pickNext, forget, readyCount) come from
 * kernel context and are plain, so they can never be held by a swap; a
 * thread's `yield* policy.admit(weight)` is a call from a thread that spans
 * preemption points, so a scheduler swap tracks it in forward and holds it
 * in block (scenario swap-scheduler.ts, docs/ARCHITECTURE.md "Held calls on
 * the scheduler").
 */
export const ADMIT_TICKS = 15;
