/**
 * FaultMediator: the mediator through which two fault sites reach calls.
 *
 *   mediator-throws  the mediator itself throws before forwarding (the
 *                    caller gets a MediatorError naming 'fault'; the call
 *                    never reaches the object)
 *   call-throws      a generator call throws at one of its preemption points
 *                    inside the object, as if the method failed there: the
 *                    mediator drives the forwarded call and throws an
 *                    InjectedFault into it where it yields, so the error
 *                    unwinds through the object and every mediator inside
 *                    (the hot-swap mediator untracks the call on its way out)
 *
 * Only calls made by threads are hit: a kernel-context call (the dispatcher
 * asking the scheduling policy, a scenario's `sim.at` action) would turn an
 * injected fault into a crash of the whole run, which is not the fault
 * modelled here. Timing is unchanged: the mediator yields exactly the
 * effects the call yields.
 */
import type { Op } from '../kernel/index.ts';
import type { Call, Forward, ForwardOp, Mediator } from '../translation-table/index.ts';
import { InjectedFault } from './injected-fault.ts';
import type { FaultSite } from './fault-site.ts';

export class FaultMediator implements Mediator {
  readonly name = 'fault';

  constructor(
    private readonly mediatorThrows: FaultSite,
    private readonly callThrows: FaultSite,
  ) {}

  call(call: Call, forward: Forward): unknown {
    if (call.thread >= 0 && this.mediatorThrows.fires())
      throw this.fault(this.mediatorThrows, call, 'before forwarding');
    return forward(call);
  }

  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    if (call.thread >= 0 && this.mediatorThrows.fires())
      throw this.fault(this.mediatorThrows, call, 'before forwarding');
    if (!this.callThrows.active) return yield* forward(call);
    return yield* this.interruptible(call, forward(call));
  }

  /** Run `inner` step by step, passing effects and results through; maybe throw into it at a yield. */
  private *interruptible(call: Call, inner: Op<unknown>): Op<unknown> {
    let r = inner.next();
    while (r.done !== true) {
      let sent: unknown;
      let error: unknown;
      let threw = false;
      try {
        sent = yield r.value;
      } catch (e) {
        [threw, error] = [true, e];
      }
      if (!threw && this.callThrows.fires())
        [threw, error] = [
          true,
          this.fault(this.callThrows, call, 'at a preemption point inside the call'),
        ];
      r = threw ? inner.throw(error) : inner.next(sent);
    }
    return r.value;
  }

  private fault(site: FaultSite, call: Call, where: string): InjectedFault {
    return new InjectedFault(
      site.name,
      `${call.objectName}.${call.method} (call ${call.id}, thread ${call.thread}) ${where}`,
    );
  }
}
