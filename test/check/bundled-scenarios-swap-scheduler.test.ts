/** The bundled-scenario fault check (test/check/bundled-check.ts) for swap-scheduler, in a file of its own: it is one of the slowest. */
import { describeBundledCheck } from './bundled-check.ts';

describeBundledCheck(['swap-scheduler.ts']);
