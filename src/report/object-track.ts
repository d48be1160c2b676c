/**
 * ObjectTrack: the part of a TimelineRecorder that follows objects: each
 * object's name and the versions it went through (the class of each, the
 * tick it became current or was first seen, the tick it was destroyed).
 *
 * Invariants: versions are kept in version order, each at most once;
 * `snapshot()` lists objects by id and shares no array with the records.
 */
import type { ObjectInfo } from './timeline-model.ts';

interface VersionRec {
  version: number;
  class: string;
  tick: number;
  destroyedTick: number | null;
}

interface ObjectRec {
  id: number;
  name: string;
  versions: VersionRec[];
}

export class ObjectTrack {
  private readonly objects = new Map<number, ObjectRec>();

  /** An object seen at version `version` of class `cls` since `tick` (created, or found at attach). */
  created(id: number, name: string, version: number, cls: string, tick: number): void {
    this.objects.set(id, {
      id,
      name,
      versions: [{ version, class: cls, tick, destroyedTick: null }],
    });
  }

  /** An object first seen through a call (its creation was not observed). */
  seen(id: number, name: string): void {
    if (!this.objects.has(id)) this.objects.set(id, { id, name, versions: [] });
  }

  /** Version `version` (class `cls`) reached at `tick`, if not known already. */
  noteVersion(id: number, version: number, cls: string, tick: number): void {
    const o = this.objects.get(id);
    if (o === undefined || o.versions.some((v) => v.version === version)) return;
    o.versions.push({ version, class: cls, tick, destroyedTick: null });
    o.versions.sort((a, b) => a.version - b.version);
  }

  destroyed(id: number, version: number, tick: number): void {
    const v = this.objects.get(id)?.versions.find((x) => x.version === version);
    if (v !== undefined) v.destroyedTick = tick;
  }

  snapshot(): ObjectInfo[] {
    return [...this.objects.values()]
      .sort((a, b) => a.id - b.id)
      .map((o) => ({ ...o, versions: o.versions.map((v) => ({ ...v })) }));
  }
}
