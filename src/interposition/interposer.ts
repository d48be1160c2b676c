/**
 * Interposer: installs and removes mediators in front of objects (K42
 * COSMgr::substitute).
 *
 * Interface: `install(entry, mediator)` puts the mediator in front of the
 * entry's current chain (it sees calls first) and returns a handle whose
 * `remove()` takes it out again; `setInner(entry, mediator | null)` sets the
 * innermost slot the hot-swap mediator uses; `chain(entry)` lists them.
 *
 * Safety while calls are in flight: a call captures the chain it entered, so
 * one already past a mediator finishes without it, and the next call sees the
 * new chain (K42 resets the local entries so the next call misses into the
 * mediator). An entry with no mediators goes back to the direct fast path.
 */
import type { EventSink } from '../kernel/index.ts';
import type { Mediator, TableEntry, TranslationTable } from '../translation-table/index.ts';
import type { InterpositionEvent } from './interposition-events.ts';

export interface MediatorHandle {
  readonly mediator: Mediator;
  readonly installed: boolean;
  remove(): void;
}

export class Interposer {
  constructor(
    private readonly table: TranslationTable,
    private readonly bus: EventSink<InterpositionEvent>,
  ) {}

  chain(entry: TableEntry): readonly Mediator[] {
    return entry.ext?.mediators ?? [];
  }

  install(entry: TableEntry, mediator: Mediator): MediatorHandle {
    checkMediator(mediator);
    const ms = this.chain(entry);
    this.table.setMediators(entry, [mediator, ...ms], entry.ext?.inner ?? null);
    if (this.bus.on)
      this.emitFor(mediator, {
        type: 'mediator.installed',
        object: entry.id,
        mediator: mediator.name,
        depth: ms.length + 1,
      });
    let installed = true;
    const handle: MediatorHandle = {
      mediator,
      get installed() {
        return installed;
      },
      remove: () => {
        if (!installed) return;
        installed = false;
        this.remove(entry, mediator);
      },
    };
    return handle;
  }

  private remove(entry: TableEntry, mediator: Mediator): void {
    const ms = [...this.chain(entry)];
    const i = ms.indexOf(mediator);
    if (i >= 0) ms.splice(i, 1); // one handle removes one installation
    this.table.setMediators(entry, ms, entry.ext?.inner ?? null);
    if (this.bus.on)
      this.emitFor(mediator, {
        type: 'mediator.removed',
        object: entry.id,
        mediator: mediator.name,
        depth: ms.length,
      });
  }

  /** An observe-only mediator's install and remove are not hashed (Mediator.observeOnly). */
  private emitFor(mediator: Mediator, event: InterpositionEvent): void {
    if (mediator.observeOnly === true) this.bus.emitUnhashed(event);
    else this.bus.emit(event);
  }

  setInner(entry: TableEntry, mediator: Mediator | null): void {
    this.table.setMediators(entry, this.chain(entry), mediator);
  }
}

function checkMediator(m: Mediator): void {
  const ok =
    m &&
    typeof m.name === 'string' &&
    typeof m.call === 'function' &&
    typeof m.callOp === 'function';
  if (!ok) {
    throw new TypeError(
      `interpose: a mediator needs a name, call(call, forward) and callOp(call, forward); extend ObservingMediator or ForwardingMediator to get both`,
    );
  }
}
