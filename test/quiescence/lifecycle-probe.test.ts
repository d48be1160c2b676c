import { Subject } from 'rxjs';
import { describe, expect, test } from 'vitest';
import { NO_LIFECYCLE, type Thread } from '../../src/kernel/index.ts';
import { LifecycleProbe } from './lifecycle-probe.ts';

type Ev = { type: string; tick: number; request?: number; cpus?: number[] };

function fakeKernel() {
  const threads = new Map<number, Thread>();
  const kernel = { lifecycle: NO_LIFECYCLE, threads };
  const thread = (id: number) => {
    const t = { id, counted: false } as Thread;
    threads.set(id, t);
    return t;
  };
  return { kernel, thread };
}

describe('LifecycleProbe (the soundness witness itself)', () => {
  test('flags a request reached while a thread counted at the request is still counted', () => {
    const { kernel, thread } = fakeKernel();
    const events = new Subject<Ev>();
    const probe = new LifecycleProbe(kernel, events);
    const t = thread(1);
    t.counted = true;
    probe.activate(t, 0);
    events.next({ type: 'quiescence.requested', tick: 1, request: 7, cpus: [0] });
    events.next({ type: 'quiescence.reached', tick: 2, request: 7 });
    expect(probe.violations).toHaveLength(1);
    expect(probe.violations[0]).toContain('thread 1');
  });

  test('accepts a reach after the thread deactivated, even if it was counted again since (quiescent point)', () => {
    const { kernel, thread } = fakeKernel();
    const events = new Subject<Ev>();
    const probe = new LifecycleProbe(kernel, events);
    const t = thread(1);
    t.counted = true;
    probe.activate(t, 0);
    events.next({ type: 'quiescence.requested', tick: 1, request: 1, cpus: [0] });
    probe.deactivate(t);
    probe.activate(t, 0);
    events.next({ type: 'quiescence.reached', tick: 3, request: 1 });
    expect(probe.violations).toEqual([]);
  });

  test('ignores threads counted on CPUs the request does not cover', () => {
    const { kernel, thread } = fakeKernel();
    const events = new Subject<Ev>();
    const probe = new LifecycleProbe(kernel, events);
    const t = thread(1);
    t.counted = true;
    probe.activate(t, 1);
    events.next({ type: 'quiescence.requested', tick: 1, request: 1, cpus: [0] });
    events.next({ type: 'quiescence.reached', tick: 1, request: 1 });
    expect(probe.violations).toEqual([]);
  });

  test('flags a snapshot that disagrees with kernel.threads', () => {
    const { kernel, thread } = fakeKernel();
    const events = new Subject<Ev>();
    const probe = new LifecycleProbe(kernel, events);
    probe.activate(thread(1), 0); // counted flag left false: the kernel and the port disagree
    events.next({ type: 'quiescence.requested', tick: 1, request: 1, cpus: [0] });
    expect(probe.violations[0]).toContain('kernel.threads says');
  });
});
