/**
 * ObservingMediator and ForwardingMediator: base classes for plugins.
 *
 * ForwardingMediator forwards every call unchanged; override `call` /
 * `callOp` to do more. ObservingMediator gives hooks instead: `before(call)`
 * when a call arrives, `after(call, result)` when it returns, `failed(call,
 * error)` when it throws; the call is forwarded exactly once in between. Both
 * work the same for plain and generator methods.
 *
 * Hot path: the hooks cost a virtual call each; a mediator that must be as
 * cheap as possible (the call counter) overrides `call` directly. Errors are
 * caught and rethrown (try/catch), not try/finally, which costs ~3x on Node 20.
 */
import type { Op } from '../kernel/index.ts';
import type { Call, Forward, ForwardOp, Mediator } from '../translation-table/index.ts';

export abstract class ForwardingMediator implements Mediator {
  abstract readonly name: string;

  call(call: Call, forward: Forward): unknown {
    return forward(call);
  }

  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    return yield* forward(call);
  }
}

export abstract class ObservingMediator implements Mediator {
  abstract readonly name: string;

  before(_call: Call): void {}
  after(_call: Call, _result: unknown): void {}
  failed(_call: Call, _error: unknown): void {}

  call(call: Call, forward: Forward): unknown {
    this.before(call);
    let result: unknown;
    try {
      result = forward(call);
    } catch (err) {
      this.failed(call, err);
      throw err;
    }
    this.after(call, result);
    return result;
  }

  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    this.before(call);
    let result: unknown;
    try {
      result = yield* forward(call);
    } catch (err) {
      this.failed(call, err);
      throw err;
    }
    this.after(call, result);
    return result;
  }
}
