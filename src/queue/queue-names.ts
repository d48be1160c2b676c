/**
 * The names a sweep and its workers agree on: the BullMQ queue every
 * `kernel-sim worker` serves, and job ids (`<sweep>-<index>`; BullMQ ids may
 * not contain ':' nor be integers). A job's name is its kind ('check'), so
 * one worker serves every kind of sweep.
 */
export const QUEUE_NAME = 'kernel-sim-sweeps';

export function sweepJobId(sweep: string, index: number): string {
  return `${sweep}-${index}`;
}
