/**
 * Counting mediators for the interposition benchmarks: the cheapest useful
 * mediator (K42's Arbiter call counter) in three distinct classes, so a chain
 * of three is a chain of three different mediators, as a real chain
 * (counter, timer, checker) would be.
 *
 * Interface: `new CountingMediator()` (and `TallyMediator`, `TouchMediator`):
 * `calls` counts plain and generator calls; each forwards exactly once.
 */
import type { Op } from '../kernel/index.ts';
import type { Call, Forward, ForwardOp, Mediator } from '../translation-table/index.ts';

export class CountingMediator implements Mediator {
  readonly name = 'count';
  calls = 0;
  call(call: Call, forward: Forward): unknown {
    this.calls++;
    return forward(call);
  }
  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    this.calls++;
    return yield* forward(call);
  }
}

export class TallyMediator implements Mediator {
  readonly name = 'tally';
  calls = 0;
  lastMethod = '';
  call(call: Call, forward: Forward): unknown {
    this.calls++;
    this.lastMethod = call.method;
    return forward(call);
  }
  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    this.calls++;
    this.lastMethod = call.method;
    return yield* forward(call);
  }
}

export class TouchMediator implements Mediator {
  readonly name = 'touch';
  calls = 0;
  lastThread = -1;
  call(call: Call, forward: Forward): unknown {
    this.calls++;
    this.lastThread = call.thread;
    return forward(call);
  }
  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    this.calls++;
    this.lastThread = call.thread;
    return yield* forward(call);
  }
}
