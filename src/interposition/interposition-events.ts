/**
 * InterpositionEvent: mediators coming and going. `depth` is the chain length
 * after the change.
 */
export type InterpositionEvent =
  | {
      readonly type: 'mediator.installed';
      readonly object: number;
      readonly mediator: string;
      readonly depth: number;
    }
  | {
      readonly type: 'mediator.removed';
      readonly object: number;
      readonly mediator: string;
      readonly depth: number;
    };
