/**
 * EventBus: the one chokepoint every simulation event passes through
 * (XState's `inspect` relay). It stamps each event with `tick` and `seq`
 * centrally and hands it to rxjs observers.
 *
 * Interface: `on` is true while anything observes `events$` or the event
 * hash is on (`hashInto(sink)`); emitters guard with `if (bus.on)
 * bus.emit({...})`, so on the hot path an unobserved event is not even
 * built. `emit(e)` stamps, folds the event into the hash sink (first, and
 * without rxjs), then delivers it to observers synchronously; an observer
 * that throws is reported to `onObserverError` before emit returns.
 *
 * Direct emitters (issue 18): `direct` is non-null while the hash is on and
 * nobody subscribes. Then a hot emitter may skip building its event: it calls
 * `direct.begin(type)` with its DirectType, made once at load (direct-type.ts;
 * it takes the stamp and hashes type, tick and seq)
 * and gives each of the event's fields to the EventFields it returns, keyless,
 * in the type's fixed order (simulation/event-fields.ts); the hash gets
 * exactly the bytes the built event would have given. The hottest events
 * go through `direct.stamp()` instead: it takes the stamp and returns the
 * sink's fused forms (FusedEvents, event-hash-sink.ts), one call per event.
 *
 * `emitUnhashed(e)` delivers an event to observers only: the hash and the
 * event count do not see it, and it shares the seq of the event after it.
 * It is for what observation itself does (installing an observe-only
 * mediator), so that observing a run leaves its hash as it was.
 *
 * Invariant: events are for observers only. No simulation decision is taken
 * by subscribing to them (docs/ARCHITECTURE.md, "Observation has no side
 * effects"); `seq` counts emitted events,
 * and emitting never changes what the simulation does.
 */
import { Observable, Subject, config } from 'rxjs';
import type { DirectType } from './direct-type.ts';
import type { EventFields, EventHashSink, FusedEvents } from './event-hash-sink.ts';

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
  /** Non-null while the hash is on and nobody subscribes: hash fields, build nothing. */
  readonly direct: DirectEvents | null;
  emit(event: E): void;
  /** Deliver to observers, leaving the hash and the event count as they were. */
  emitUnhashed(event: E): void;
}

/** The bus as a direct emitter sees it (see the header). */
export interface DirectEvents {
  /** Start one event of `type`: takes its stamp; its fields go to what it returns, in order. */
  begin(type: DirectType): EventFields;
  /** Take one event's stamp: its type and fields go, in one call, to one fused form of what it returns. */
  stamp(): FusedEvents;
}

export class EventBus<E extends { readonly type: string }> implements EventSink<E>, DirectEvents {
  on = false;
  /** This bus while the hash is on and nobody subscribes; else null. */
  direct: DirectEvents | null = null;
  /**
   * Called (once per throw) when an observer's callback throws while an event
   * is delivered; the simulation ends the run with it. Default: rethrow.
   */
  onObserverError: (error: unknown, event: Stamped<E>) => void = (error) => {
    throw error;
  };
  private nextSeq = 0;
  private observers = 0;
  private sink: EventHashSink | null = null;
  private readonly subject = new Subject<Stamped<E>>();
  readonly events$: Observable<Stamped<E>>;

  constructor(private clock: Clock) {
    this.events$ = new Observable<Stamped<E>>((subscriber) => {
      this.observers++;
      this.update();
      const inner = this.subject.subscribe(subscriber);
      return () => {
        inner.unsubscribe();
        this.observers--;
        this.update();
      };
    });
  }

  /** Fold every event from now on into `sink` (the event hash). */
  hashInto(sink: EventHashSink): void {
    this.sink = sink;
    this.update();
  }

  private update(): void {
    this.on = this.observers > 0 || this.sink !== null;
    this.direct = this.observers === 0 && this.sink !== null ? this : null;
  }

  begin(type: DirectType): EventFields {
    const sink = this.sink!;
    sink.beginDirect(type, this.clock.now, this.nextSeq++);
    return sink;
  }

  stamp(): FusedEvents {
    const sink = this.sink!;
    sink.stampNext(this.clock.now, this.nextSeq++);
    return sink;
  }

  /** Stamp events with `clock` from now on (the kernel itself, so a stamp reads a field, not a getter). */
  useClock(clock: Clock): void {
    this.clock = clock;
  }

  /** How many events have been emitted so far. */
  get count(): number {
    return this.nextSeq;
  }

  emit(event: E): void {
    const stamped = event as Stamped<E> & { tick: number; seq: number };
    stamped.tick = this.clock.now;
    stamped.seq = this.nextSeq++;
    if (this.sink !== null) this.sink.add(stamped);
    if (this.observers === 0) return;
    this.deliver(stamped);
  }

  emitUnhashed(event: E): void {
    if (this.observers === 0) return;
    const stamped = event as Stamped<E> & { tick: number; seq: number };
    stamped.tick = this.clock.now;
    stamped.seq = this.nextSeq;
    this.deliver(stamped);
  }

  private deliver(stamped: Stamped<E>): void {
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
