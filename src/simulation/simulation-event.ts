/**
 * SimulationEvent: the one namespaced union of everything a run reports,
 * each stamped centrally with `tick` and `seq` by the EventBus.
 */
import type { KernelEvent } from '../kernel/index.ts';
import type { TableEvent } from '../translation-table/index.ts';
import type { QuiescenceEvent } from '../quiescence/index.ts';
import type { InterpositionEvent } from '../interposition/index.ts';
import type { SwapEvent } from '../hotswap/index.ts';
import type { TransactionEvent } from '../transactions/index.ts';

export type SimulationEvent =
  KernelEvent | TableEvent | QuiescenceEvent | InterpositionEvent | SwapEvent | TransactionEvent;
export type SimulationEventType = SimulationEvent['type'];
