/**
 * TableEvent: what the translation table reports about objects and calls.
 * Built only when observed (the emitter checks `bus.on` first).
 */
export type TableEvent =
  | {
      readonly type: 'object.created';
      readonly object: number;
      readonly name: string;
      readonly class: string;
      readonly clustered: boolean;
    }
  | { readonly type: 'object.rep-created'; readonly object: number; readonly cpu: number }
  | {
      readonly type: 'object.retargeted';
      readonly object: number;
      readonly class: string;
      readonly version: number;
    }
  | { readonly type: 'object.destroy-requested'; readonly object: number; readonly reason: string }
  | {
      readonly type: 'object.destroyed';
      readonly object: number;
      readonly class: string;
      readonly version: number;
    }
  | {
      readonly type: 'call.entered';
      readonly call: number;
      readonly object: number;
      readonly objectName: string;
      readonly method: string;
      readonly thread: number;
      readonly cpu: number;
      readonly args: readonly unknown[];
    }
  | {
      readonly type: 'call.reached';
      readonly call: number;
      readonly object: number;
      readonly version: number;
      readonly impl: string;
      readonly cpu: number;
    }
  | {
      readonly type: 'call.exited';
      readonly call: number;
      readonly object: number;
      readonly method: string;
      readonly thread: number;
      readonly cpu: number;
      readonly error: string | null;
    };
