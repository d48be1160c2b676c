/**
 * watchdog/: stopping user code that never returns (wall-clock limits, kept
 * out of the deterministic core).
 */
export {
  Watchdog,
  WatchdogTimeout,
  DEFAULT_WATCHDOG_MS,
  HEAP_SHARE_MAX,
  STRETCH_MAX,
  stoppedByWatchdog,
} from './watchdog.ts';
