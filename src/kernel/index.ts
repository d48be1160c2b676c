/**
 * kernel/: the simulated machine. Bottom layer: imports rxjs only.
 */
export { KernelPanic, panic, assert, isKernelPanic } from './panic.ts';
export { Prng } from './prng.ts';
export {
  Schedule,
  parseSchedule,
  withDeviationsMax,
  withDrops,
  formatDrops,
  SCHEDULE_KINDS,
  PCT_STEPS,
  PCT_DEPTH_DEFAULT,
  type ScheduleKind,
  type ScheduleSpec,
} from './schedule.ts';
export {
  compute,
  sleep,
  yieldCpu,
  spawn,
  block,
  wake,
  deactivateSelf,
  quiescentPoint,
  updatePoint,
  BOUNDARY,
  type Effect,
  type Op,
} from './effect.ts';
export { WaitQueue } from './wait-queue.ts';
export {
  Thread,
  type ThreadState,
  type ThreadId,
  type ThreadBody,
  type ThreadView,
  type SpawnOptions,
  type CallFrame,
} from './thread.ts';
export { EventQueue } from './event-queue.ts';
export { ThreadTable } from './thread-table.ts';
export { Deque } from './deque.ts';
export {
  EventBus,
  type EventSink,
  type DirectEvents,
  type Clock,
  type Stamp,
  type Stamped,
} from './event-bus.ts';
export type { EventFields, EventHashSink, FusedEvents, NamedObject } from './event-hash-sink.ts';
export { DirectType, directType, DIRECT_TYPES_MAX } from './direct-type.ts';
export type { KernelEvent } from './kernel-events.ts';
export type { SchedulingPolicy, EnqueueReason } from './scheduling-policy.ts';
export { NO_LIFECYCLE, type ThreadLifecycle } from './thread-lifecycle.ts';
export {
  NO_UPDATE_POINTS,
  type UpdatePointPort,
  type UpdatePointKind,
} from './update-point-port.ts';
export { Cpu } from './cpu.ts';
export { Action } from './action.ts';
export { describeError } from './describe-error.ts';
export {
  LiveLimitError,
  liveLimitMessage,
  tallyTop,
  LIVE_LIMIT_CEILINGS,
  type LiveLimitOption,
  type LiveLimitFacts,
} from './live-limit-error.ts';
export {
  Kernel,
  type KernelOptions,
  type KernelSpawnOptions,
  type KernelOutcome,
  type KernelRunResult,
} from './kernel.ts';
export {
  startWorkload,
  drawLifetime,
  defaultBody,
  type Lifetime,
  type WorkloadSpec,
  type WorkloadStats,
  type WorkloadHost,
  type WorkloadThreadContext,
} from './workload.ts';
export { checkWorkloadSpec } from './check-workload-spec.ts';
