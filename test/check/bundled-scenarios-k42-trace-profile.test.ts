/** The bundled-scenario fault check (test/check/bundled-check.ts) for k42-trace-profile, in a file of its own: it is one of the slowest. */
import { describeBundledCheck } from './bundled-check.ts';

describeBundledCheck(['k42-trace-profile.ts']);
