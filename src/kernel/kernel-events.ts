/**
 * KernelEvent: what the simulated machine reports about threads and CPUs.
 * Past-tense, namespaced `type`s; `tick` and `seq` are added by the EventBus.
 */
export type KernelEvent =
  | {
      readonly type: 'thread.spawned';
      readonly thread: number;
      readonly name: string;
      readonly parent: number | null;
      readonly daemon: boolean;
    }
  | { readonly type: 'thread.dispatched'; readonly thread: number; readonly cpu: number }
  | { readonly type: 'thread.preempted'; readonly thread: number; readonly cpu: number }
  | { readonly type: 'thread.yielded'; readonly thread: number; readonly cpu: number }
  | {
      readonly type: 'thread.slept';
      readonly thread: number;
      readonly cpu: number;
      readonly untilTick: number;
    }
  | {
      readonly type: 'thread.blocked';
      readonly thread: number;
      readonly cpu: number;
      readonly queue: string;
    }
  | { readonly type: 'thread.woken'; readonly thread: number; readonly queue: string | null }
  | { readonly type: 'thread.deactivated'; readonly thread: number; readonly cpu: number }
  | { readonly type: 'thread.quiesced'; readonly thread: number; readonly cpu: number }
  | { readonly type: 'thread.exited'; readonly thread: number; readonly cpu: number }
  | {
      readonly type: 'thread.failed';
      readonly thread: number;
      readonly cpu: number;
      readonly error: string;
    }
  | { readonly type: 'kernel.action'; readonly label: string };
