/**
 * updatePointSafety: Ginseng's safety check at an update point. A method
 * uses a type concretely when its code depends on that type's
 * representation; an update that changes the type is unsafe while any frame
 * of any live call stack uses it concretely (the frame's code would go on
 * with the old representation after the state moved).
 *
 *   usesOf(cls, method)          the types (class names) the method uses
 *                                concretely: its own class, always, and the
 *                                names the class declares in `static uses =
 *                                { method: ['Type', ...] }` (inherited)
 *   unsafeFrames(kernel, types)  every frame, threads in id order and
 *                                outermost first, that uses one of `types`,
 *                                with the thread, the call and the type
 *   describeUnsafeFrame(f)       "thread 3 'reporter' is inside stats.summarize
 *                                (call 12, since tick 40), which uses Handler
 *                                concretely (declared in Stats.uses)"
 *
 * Type-level, as in Ginseng: a frame in another instance of a changed class
 * uses the changed type too, so it is unsafe as well. A malformed `uses`
 * declaration is a TypeError naming the class and what to write.
 */
import type { Kernel } from '../kernel/index.ts';
import type { Call } from '../translation-table/index.ts';

export interface UnsafeFrame {
  readonly thread: number;
  readonly threadName: string;
  readonly call: number;
  readonly object: string;
  readonly method: string;
  readonly sinceTick: number;
  /** The changed type the frame uses concretely. */
  readonly type: string;
  /** The class whose `uses` declares it, or null when it is the frame's own class. */
  readonly declaredBy: string | null;
}

/** The `uses` declaration of `cls` for `method`, checked; [] when none. */
function declaredUses(cls: Function, method: string): readonly string[] {
  const uses = (cls as { uses?: unknown }).uses;
  if (uses === undefined) return [];
  if (typeof uses !== 'object' || uses === null)
    throw new TypeError(
      `${cls.name}.uses must be an object { method: ['Type', ...] }, got ${typeof uses}`,
    );
  const list = (uses as Record<string, unknown>)[method];
  if (list === undefined || !Object.hasOwn(uses, method)) return [];
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
    throw new TypeError(
      `${cls.name}.uses.${method} must be an array of class names (strings), got ${JSON.stringify(list)}`,
    );
  return list;
}

/** The types `method` of `cls` uses concretely: its own class first, then the declared ones. */
export function usesOf(cls: Function, method: string): string[] {
  return [cls.name, ...declaredUses(cls, method).filter((n) => n !== cls.name)];
}

export function unsafeFrames(kernel: Kernel, changed: ReadonlySet<string>): UnsafeFrame[] {
  const out: UnsafeFrame[] = [];
  const ids = [...kernel.threads.keys()].sort((a, b) => a - b);
  for (const id of ids) {
    const t = kernel.threads.get(id)!;
    for (const f of t.frames) {
      const c = f as Call;
      const cls = c.entry.cls;
      const type = usesOf(cls, c.method).find((n) => changed.has(n));
      if (type === undefined) continue;
      out.push({
        thread: id,
        threadName: t.name,
        call: c.id,
        object: c.objectName,
        method: c.method,
        sinceTick: c.tickEntered,
        type,
        declaredBy: type === cls.name ? null : cls.name,
      });
    }
  }
  return out;
}

export function describeUnsafeFrame(f: UnsafeFrame): string {
  const why = f.declaredBy === null ? 'its own class' : `declared in ${f.declaredBy}.uses`;
  return `thread ${f.thread} '${f.threadName}' is inside ${f.object}.${f.method} (call ${f.call}, since tick ${f.sinceTick}), which uses ${f.type} concretely (${why})`;
}
