/**
 * createDetector: a detector by name ('k42' | 'event' | 'oracle'), so
 * options, the CLI and experiments can pick one with a string.
 */
import type { EventSink, Kernel } from '../kernel/index.ts';
import { EventDetector } from './event-detector.ts';
import { K42Detector } from './k42-detector.ts';
import { OracleDetector } from './oracle-detector.ts';
import type { QuiescenceDetector } from './quiescence-detector.ts';
import type { QuiescenceEvent } from './quiescence-events.ts';

export const DETECTOR_NAMES = ['k42', 'event', 'oracle'] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

export function createDetector(
  name: DetectorName,
  kernel: Kernel,
  bus: EventSink<QuiescenceEvent>,
  pollTicks: number,
): QuiescenceDetector {
  switch (name) {
    case 'k42':
      return new K42Detector(kernel, bus, pollTicks);
    case 'event':
      return new EventDetector(kernel, bus);
    case 'oracle':
      return new OracleDetector(kernel, bus);
    default:
      throw new RangeError(
        `unknown quiescence detector '${String(name)}'; known: ${DETECTOR_NAMES.join(', ')}`,
      );
  }
}
