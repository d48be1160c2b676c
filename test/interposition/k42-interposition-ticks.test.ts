/**
 * K42 fidelity of interposition without swapping (COSMgr::substitute, an
 * arbiter in front of an object), tick-exact: a mediator installed while a
 * call is in flight does not see that call (it captured its chain); the next
 * call goes through it, and the time the mediator takes shows in the ticks;
 * after remove() the next call is direct again. The object is never swapped
 * (version 1 throughout). Every expected tick was worked out by hand first
 * (the comment) and then checked against the run.
 *
 * Timing rules used: one CPU, quantum 100; a thread spawned at 0 first runs at
 * 0; a generator call costs one boundary tick on entry and one on exit
 * (src/translation-table/call-paths.ts callOp); a plain call is atomic.
 */
import { describe, expect, test } from 'vitest';
import {
  ForwardingMediator,
  compute,
  createSimulation,
  type Call,
  type Forward,
  type ForwardOp,
  type MediatorHandle,
  type Op,
} from 'kernel-sim';

class Box {
  constructor(public v = 0) {}
  get(): number {
    return this.v;
  }
  *slowGet(ticks: number): Op<number> {
    yield* compute(ticks);
    return this.v;
  }
}

describe('K42 interposition fidelity (hand-checked ticks)', () => {
  test('an arbiter installed mid-call sees only later calls, adds its own time, and is gone after remove', () => {
    // t: slowGet(10) enters at 1 (entry boundary) and reaches Box at 1, directly.
    // The arbiter is installed at 5: the call in flight does not see it; it exits at 11
    //   returning 1, and t resumes at 12 (exit boundary).
    // slowGet(10) enters at 13: the arbiter sees it at 13, computes 3 ticks (13..16) and
    //   forwards: the call reaches Box at 16, computes 16..26, exits at 26; the arbiter adds
    //   100: t has 101 at 27.
    // get() at 27 (plain, atomic): the arbiter sees it and forwards at once: reached at 27, 101.
    // compute 27..35. The arbiter is removed at 30: get() at 35 reaches Box directly: 1.
    const sim = createSimulation({ seed: 1, cpus: 1, quantumTicks: 100, hashEvents: false });
    const box = sim.objects.createNamed('box', Box, 1);
    const log: string[] = [];
    class Arbiter extends ForwardingMediator {
      readonly name = 'arbiter';
      override call(call: Call, forward: Forward): unknown {
        log.push(`${sim.kernel.now} arbiter sees #${call.id} ${call.method}`);
        return (forward(call) as number) + 100;
      }
      override *callOp(call: Call, forward: ForwardOp): Op<unknown> {
        log.push(`${sim.kernel.now} arbiter sees #${call.id} ${call.method}`);
        yield* compute(3);
        return ((yield* forward(call)) as number) + 100;
      }
    }
    sim.events$.subscribe((e) => {
      if (e.type === 'call.entered' && e.object === box.$id)
        log.push(`${e.tick} entered #${e.call} ${e.method}`);
      if (e.type === 'call.reached' && e.object === box.$id)
        log.push(`${e.tick} reached #${e.call} ${e.impl} v${e.version}`);
      if (e.type === 'call.exited' && e.object === box.$id) log.push(`${e.tick} exited #${e.call}`);
      if (e.type === 'mediator.installed' || e.type === 'mediator.removed')
        log.push(`${e.tick} ${e.type} ${e.mediator}`);
    });
    const got: string[] = [];
    const note = (v: number) => got.push(`${sim.kernel.now}: ${v}`);
    sim.spawn('t', function* () {
      note(yield* box.slowGet(10));
      note(yield* box.slowGet(10));
      note(box.get());
      yield* compute(8);
      note(box.get());
    });
    let handle!: MediatorHandle;
    sim.at(5, () => void (handle = sim.interpose(box, new Arbiter())));
    sim.at(30, () => handle.remove());
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '1 entered #3 slowGet',
      '1 reached #3 Box v1',
      '5 mediator.installed arbiter',
      '11 exited #3',
      '13 entered #4 slowGet',
      '13 arbiter sees #4 slowGet',
      '16 reached #4 Box v1',
      '26 exited #4',
      '27 entered #5 get',
      '27 arbiter sees #5 get',
      '27 reached #5 Box v1',
      '27 exited #5',
      '30 mediator.removed arbiter',
      '35 entered #6 get',
      '35 reached #6 Box v1',
      '35 exited #6',
    ]);
    expect(got).toEqual(['12: 1', '27: 101', '27: 101', '35: 1']);
    expect(sim.objects.info(box)).toMatchObject({ version: 1, mediators: [] });
  });
});
