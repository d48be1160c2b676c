/**
 * EventBus: the one chokepoint every simulation event passes through
 * (XState's `inspect` relay). It stamps each event with `tick` and `seq`
 * centrally and hands it to rxjs observers.
 *
 * Interface: `on` is true while anything observes `events$`; emitters guard
 * with `if (bus.on) bus.emit({...})`, so on the hot path an unobserved event
 * is not even built. `emit(e)` stamps and delivers synchronously; an
 * observer that throws is reported to `onObserverError` before emit returns.
 *
 * Invariant: events are for observers only. No simulation decision is taken
 * by subscribing to them (docs/ARCHITECTURE.md, "Observation has no side
 * effects"); `seq` counts emitted events,
 * and emitting never changes what the simulation does.
 */
import { Observable, Subject, config } from 'rxjs';

export interface Clock {
  readonly now: number;
}

/** Every event carries its stamp: the tick it happened at and its sequence number. */
export interface Stamp {
  readonly tick: number;
  readonly seq: number;
}

export type Stamped<E> = E & Stamp;

/** The narrow face emitters see: whether anyone listens, and how to tell them. */
export interface EventSink<E> {
  readonly on: boolean;
  emit(event: E): void;
}

export class EventBus<E extends { readonly type: string }> implements EventSink<E> {
  on = false;
  /**
   * Called (once per throw) when an observer's callback throws while an event
   * is delivered; the simulation ends the run with it. Default: rethrow.
   */
  onObserverError: (error: unknown, event: Stamped<E>) => void = (error) => {
    throw error;
  };
  private seq = 0;
  private observers = 0;
  private readonly subject = new Subject<Stamped<E>>();
  readonly events$: Observable<Stamped<E>>;

  constructor(private readonly clock: Clock) {
    this.events$ = new Observable<Stamped<E>>((subscriber) => {
      this.observers++;
      this.on = true;
      const inner = this.subject.subscribe(subscriber);
      return () => {
        inner.unsubscribe();
        this.observers--;
        this.on = this.observers > 0;
      };
    });
  }

  /** How many events have been emitted so far. */
  get count(): number {
    return this.seq;
  }

  emit(event: E): void {
    const stamped = event as Stamped<E> & { tick: number; seq: number };
    stamped.tick = this.clock.now;
    stamped.seq = this.seq++;
    // rxjs reports an observer's throw later, from a timer, after the run has
    // ended; delivering with synchronous error handling brings it back here,
    // so it is part of the run's verdict (the flag is set for this call only).
    config.useDeprecatedSynchronousErrorHandling = true;
    try {
      this.subject.next(stamped);
    } catch (error) {
      this.onObserverError(error, stamped);
    } finally {
      config.useDeprecatedSynchronousErrorHandling = false;
    }
  }
}
