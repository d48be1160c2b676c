/**
 * capacityChild: the entry of the child process memoryBench starts for a
 * capacity probe (capacity-run.ts), so the probe has Node's default heap and
 * nothing else in it.
 *
 * Usage: node capacity-child.js objects|threads N -> one JSON line
 * (CapacityRun), exit 0; exit 2 on bad arguments.
 */
import { runCapacity } from './capacity-run.ts';

const [kind, size] = process.argv.slice(2);
const n = Number(size);
if ((kind !== 'objects' && kind !== 'threads') || !Number.isInteger(n) || n < 1) {
  console.error('usage: capacity-child objects|threads N');
  process.exit(2);
}
console.log(JSON.stringify(runCapacity(kind, n)));
