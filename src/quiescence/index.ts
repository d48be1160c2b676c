/**
 * quiescence/: generation-count quiescence detection (K42 ActiveThrdCnt and
 * token ring), an event-driven detector, and the oracle.
 */
export {
  QuiescenceDetector,
  type RequestOptions,
  type MarkerMode,
  MARKER_MODES,
  type Blocker,
} from './quiescence-detector.ts';
export { QuiescenceRequest, type RequestState } from './quiescence-request.ts';
export { ActiveThreadCount } from './active-thread-count.ts';
export { K42Detector } from './k42-detector.ts';
export { EventDetector } from './event-detector.ts';
export { OracleDetector } from './oracle-detector.ts';
export type { QuiescenceEvent } from './quiescence-events.ts';
export { createDetector, DETECTOR_NAMES, type DetectorName } from './create-detector.ts';
