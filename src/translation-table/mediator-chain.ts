/**
 * mediatorChain: builds the forward functions of an entry's mediator chain,
 * once per change of the chain, so a call allocates no closures.
 *
 * Interface: `chainPlain(mediators, last)` and `chainOp(mediators, lastOp)`
 * return the function a call enters: mediators[0] sees the call first and
 * forwards to mediators[1] ... and the last forwards to `last` (the table's
 * reach of the implementation). A call captures the chain it entered, so a
 * mediator installed or removed while it is in flight does not affect it.
 *
 * Blame: an error a mediator throws itself reaches the caller as a
 * MediatorError naming the mediator; an error that merely passes through a
 * mediator (from the implementation or a deeper mediator) is left alone.
 */
import type { Op } from '../kernel/index.ts';
import type { Call } from './call.ts';
import { MediatorError, type Forward, type ForwardOp, type Mediator } from './mediator.ts';

function blame(err: unknown, m: Mediator, call: Call): unknown {
  return err === call.forwardThrew || err instanceof MediatorError
    ? err
    : new MediatorError(m.name, call, err);
}

function linkPlain(m: Mediator, next: Forward): Forward {
  const guarded: Forward = (call) => {
    try {
      return next(call);
    } catch (err) {
      call.forwardThrew = err;
      throw err;
    }
  };
  return (call) => {
    try {
      return m.call(call, guarded);
    } catch (err) {
      throw blame(err, m, call);
    }
  };
}

function linkOp(m: Mediator, next: ForwardOp): ForwardOp {
  const guarded = function* (call: Call): Op<unknown> {
    try {
      return yield* next(call);
    } catch (err) {
      call.forwardThrew = err;
      throw err;
    }
  };
  return function* (call: Call): Op<unknown> {
    try {
      return yield* m.callOp(call, guarded);
    } catch (err) {
      throw blame(err, m, call);
    }
  };
}

export function chainPlain(mediators: readonly Mediator[], last: Forward): Forward {
  let f = last;
  for (let i = mediators.length - 1; i >= 0; i--) f = linkPlain(mediators[i], f);
  return f;
}

export function chainOp(mediators: readonly Mediator[], last: ForwardOp): ForwardOp {
  let f = last;
  for (let i = mediators.length - 1; i >= 0; i--) f = linkOp(mediators[i], f);
  return f;
}
