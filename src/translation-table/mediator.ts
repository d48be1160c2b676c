/**
 * Mediator: the table's hook for interposition (K42 CObjRepMediator, Arbiter).
 *
 * A mediator sits in a table entry in front of its target and sees every call
 * as a `Call` record plus a `forward` that passes it on (to the next mediator
 * or the implementation). It may forward once, more than once, not at all, or
 * later; rewrite `call.args` or the result; throw.
 *
 * Interface: `call(call, forward)` for plain (atomic) methods, `callOp(call,
 * forward)` for generator methods, a generator itself so it can hold the
 * thread (`yield* block(q)`) or take time. A mediator that only observes can
 * extend `ObservingMediator` in interposition/ and write before/after hooks.
 *
 * K42 note: K42's mediator has no per-method code (256 generic trampolines);
 * ours sees the method name and arguments, which is what lets method-type
 * stubs and argument checks exist.
 */
import { describeError, type Op } from '../kernel/index.ts';
import type { Call } from './call.ts';

export type Forward = (call: Call) => unknown;
export type ForwardOp = (call: Call) => Op<unknown>;

export interface Mediator {
  readonly name: string;
  /**
   * True promises that the mediator never changes a call's arguments, result,
   * error or timing (a counter, a timer, a logger). Installing or removing it
   * is then not part of the run's event hash: attaching such a plugin leaves
   * the hash as it was (docs/PLUGINS.md).
   */
  readonly observeOnly?: boolean;
  call(call: Call, forward: Forward): unknown;
  callOp(call: Call, forward: ForwardOp): Op<unknown>;
}

/** An error a mediator threw, wrapped so the caller sees which mediator failed. */
export class MediatorError extends Error {
  override readonly name = 'MediatorError';
  constructor(
    readonly mediator: string,
    readonly call: Call,
    cause: unknown,
  ) {
    super(
      `mediator '${mediator}' on ${call.objectName}.${call.method} (call ${call.id}) threw: ${messageOf(cause)}`,
      { cause },
    );
  }
}

/** The message of an Error, else a safe description of whatever was thrown. */
function messageOf(cause: unknown): string {
  try {
    if (cause instanceof Error) return cause.message;
  } catch {
    // a value whose prototype cannot be read
  }
  return describeError(cause);
}
