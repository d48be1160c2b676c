/**
 * SwapPhase: where a swap is (K42 switchCObj phases, plus negotiate and a
 * final done). The allowed moves are the table below; any other is a bug.
 *
 *   negotiate -> forward -> block -> transfer -> complete -> done
 *   negotiate -> done            (refused)
 *   forward | block | transfer -> done   (aborted: rolled back)
 */
import { panic } from '../kernel/index.ts';

export type SwapPhase = 'negotiate' | 'forward' | 'block' | 'transfer' | 'complete' | 'done';
export type SwapOutcome = 'pending' | 'completed' | 'aborted' | 'refused';

export const PHASES: readonly SwapPhase[] = [
  'negotiate',
  'forward',
  'block',
  'transfer',
  'complete',
  'done',
];

const NEXT: Readonly<Record<SwapPhase, readonly SwapPhase[]>> = {
  negotiate: ['forward', 'done'],
  forward: ['block', 'done'],
  block: ['transfer', 'done'],
  transfer: ['complete', 'done'],
  complete: ['done'],
  done: [],
};

export function checkPhaseMove(from: SwapPhase, to: SwapPhase): void {
  if (!NEXT[from].includes(to)) panic('Swap.enter', `phase ${from} cannot move to ${to}`);
}
