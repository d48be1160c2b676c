/**
 * Report colours, one source for the legend (server side) and the canvas
 * (the viewer reads them from the embedded config): calls by the object
 * version they reached (version 0: never reached one), swap phases, held
 * calls, quiescence markers.
 */
import type { SwapPhase } from '../hotswap/index.ts';

export const VERSION_COLORS: readonly string[] = [
  '#b8b0ac',
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
];

export const PHASE_COLORS: Readonly<
  Record<Exclude<SwapPhase, 'done'> | 'aborted' | 'refused', string>
> = {
  negotiate: '#8c8c8c',
  forward: '#4e79a7',
  block: '#e15759',
  transfer: '#f28e2b',
  complete: '#59a14f',
  aborted: '#b10026',
  refused: '#555555',
};

export const MARK_COLORS = {
  held: '#f1b300',
  release: '#5b3a00',
  quiescenceRequested: '#8e44ad',
  quiescenceReached: '#1e8449',
  generation: '#333333',
  running: '#555555',
  lifetime: '#d0d0d0',
  /** Many short CPU runs in one pixel column (zoomed out). */
  busy: '#7d8794',
  error: '#c0392b',
  /** A torn call's outline (in flight in the old version at the transfer). */
  torn: '#ff00aa',
} as const;

/** Colour of a call that reached `version`. */
export function versionColor(version: number): string {
  if (version <= 0) return VERSION_COLORS[0];
  return VERSION_COLORS[1 + ((version - 1) % (VERSION_COLORS.length - 1))];
}
