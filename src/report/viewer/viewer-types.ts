/**
 * Viewer types and layout constants: what the browser-side timeline viewer
 * (src/report/viewer) shares between its modules. The viewer is bundled into
 * one script by scripts/build-viewer.ts and inlined in the HTML report; it
 * reads the TimelineModel and a ViewerConfig from JSON script tags.
 */
import type { SwapPhaseSpan, TimelineModel } from '../timeline-model.ts';

/** Colours and run-end names, embedded by the report (html-report.ts). */
export interface ViewerConfig {
  readonly versionColors: readonly string[];
  readonly phaseColors: Readonly<Record<string, string>>;
  readonly marks: {
    readonly held: string;
    readonly release: string;
    readonly quiescenceRequested: string;
    readonly quiescenceReached: string;
    readonly generation: string;
    readonly running: string;
    readonly lifetime: string;
    readonly busy: string;
    readonly error: string;
    readonly torn: string;
  };
  readonly runEnds: readonly string[];
}

export type Model = TimelineModel;

/** A lane with its layout (top and height in canvas pixels) and its span indexes. */
export interface Lane {
  readonly key: string;
  readonly kind: 'cpu' | 'kernel' | 'thread' | 'swap';
  readonly id: number;
  readonly label: string;
  readonly rows: number;
  top: number;
  height: number;
  shown: boolean;
  /** Per nesting depth, indexes of calls on this lane, in start order. */
  readonly rowIdx: number[][];
  /** Indexes of runs (a thread on a CPU) on this lane. */
  readonly runIdx: number[];
  /** Indexes of generation advances on this (CPU) lane. */
  readonly genIdx: number[];
}

/** A swap phase as a box in pixels (zero-length phases become 5 px slivers). */
export interface PhaseBox {
  readonly p: SwapPhaseSpan;
  a: number;
  b: number;
  readonly thin: boolean;
}

/** What the pointer is over, with the tooltip's HTML. */
export interface Hit {
  readonly kind: 'run' | 'thread' | 'call' | 'cpu' | 'phase' | 'bin';
  readonly index: number;
  readonly html: string;
}

export const CALL_ERROR = 1;
export const CALL_OPEN = 2;
export const CALL_HELD = 4;
export const CALL_TORN = 8;
export const LABEL_W = 190;
export const AXIS_H = 28;
export const ROW_H = 15;
export const PAD = 4;
export const STRIP_H = 5;
export const GROUP_GAP = 8;
export const MIN_SPAN = 2;
