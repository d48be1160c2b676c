/**
 * VersionChecker ('versions'): version monotonicity per object, and no call
 * reaches an implementation that is gone.
 *
 * Guarantees checked, from call.reached, object.retargeted, object.destroy-
 * requested, object.destroyed and swap.old-destroyed alone:
 *   - once a call has reached version v+1 of an object (or the entry was
 *     retargeted to it), no call reaches a version <= v of that object
 *     (after the first call reaches the new object, none reaches the old);
 *   - no call reaches a version a swap has destroyed (swap.old-destroyed);
 *   - no call entered after an object's destroy was requested reaches it
 *     (the table refuses those with StaleRefError; a call that entered
 *     before, a held call say, may still be served while it is destroying),
 *     and no call at all reaches it once it is destroyed (reclaimed).
 *     "Entered before" is by call id: the table numbers calls as they enter.
 */
import type { Checker, EventOf, ReportViolation } from './checker.ts';
import type { CheckedEvent } from './violation.ts';

interface ObjectVersions {
  /** Highest version reached or retargeted to, and the tick it first was. */
  top: number;
  topTick: number;
  /** Highest version a swap destroyed (0: none). */
  destroyedVersion: number;
  destroyedTick: number;
  /** Tick the object's destroy was requested, or -1. */
  goneTick: number;
  goneWhat: string;
  /** Calls with an id up to this entered before the destroy request (Infinity once destroyed: none admitted). */
  admitUpTo: number;
}

export class VersionChecker implements Checker {
  readonly name = 'versions';
  readonly types = [
    'call.entered',
    'call.reached',
    'object.retargeted',
    'object.destroy-requested',
    'object.destroyed',
    'swap.old-destroyed',
  ] as const;
  private readonly objects = new Map<number, ObjectVersions>();
  /** The highest call id entered so far. */
  private lastEntered = 0;

  private of(id: number): ObjectVersions {
    let o = this.objects.get(id);
    if (o === undefined)
      this.objects.set(
        id,
        (o = {
          top: 0,
          topTick: -1,
          destroyedVersion: 0,
          destroyedTick: -1,
          goneTick: -1,
          goneWhat: '',
          admitUpTo: Infinity,
        }),
      );
    return o;
  }

  observe(e: CheckedEvent, report: ReportViolation): void {
    switch (e.type) {
      case 'call.entered':
        if (e.call > this.lastEntered) this.lastEntered = e.call;
        return;
      case 'call.reached':
        return this.reached(e, report);
      case 'object.retargeted':
        return this.raise(this.of(e.object), e.version, e.tick);
      case 'object.destroy-requested':
        return this.gone(e.object, e.tick, 'its destroy was requested', this.lastEntered);
      case 'object.destroyed':
        return this.gone(e.object, e.tick, 'it was destroyed', -Infinity);
      case 'swap.old-destroyed': {
        const o = this.of(e.object);
        if (e.version > o.destroyedVersion)
          [o.destroyedVersion, o.destroyedTick] = [e.version, e.tick];
        return;
      }
    }
  }

  private raise(o: ObjectVersions, version: number, tick: number): void {
    if (version > o.top) [o.top, o.topTick] = [version, tick];
  }

  private gone(id: number, tick: number, what: string, admitUpTo: number): void {
    const o = this.of(id);
    if (admitUpTo < o.admitUpTo || o.goneTick < 0)
      [o.goneTick, o.goneWhat, o.admitUpTo] = [tick, what, admitUpTo];
  }

  private reached(e: EventOf<'call.reached'>, report: ReportViolation): void {
    const o = this.of(e.object);
    const at = `call ${e.call} reached ${e.impl} v${e.version} of object ${e.object}`;
    if (e.version < o.top)
      report(`${at}, but v${o.top} was in place since tick ${o.topTick}: version went backwards`);
    else if (e.version <= o.destroyedVersion)
      report(
        `${at}, a version destroyed at tick ${o.destroyedTick} (v${o.destroyedVersion} and older are gone)`,
      );
    else if (o.goneTick >= 0 && e.call > o.admitUpTo) {
      const when = o.admitUpTo === -Infinity ? '' : ', entering after that';
      report(`${at} after ${o.goneWhat} at tick ${o.goneTick}${when}`);
    }
    this.raise(o, e.version, e.tick);
  }

  end(_report: ReportViolation): void {}

  notes(): string[] {
    return [];
  }
}
