/**
 * interposition/: mediators in front of objects, and the ready plugins.
 */
export { Interposer, type MediatorHandle } from './interposer.ts';
export { ObservingMediator, ForwardingMediator } from './observing-mediator.ts';
export type { InterpositionEvent } from './interposition-events.ts';
