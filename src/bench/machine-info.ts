/**
 * machineInfo: what the figures were measured on: CPU model and cores, OS,
 * Node version, the date (UTC), and the load average (a busy machine skews
 * wall-time figures more than ratios measured in one process).
 */
import os from 'node:os';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly os: string;
  readonly node: string;
  readonly date: string;
  /** 1-minute load average when the suite ended (other work on the machine skews wall-time figures; ratios less so). */
  readonly load: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
    load: os.loadavg()[0] ?? NaN,
  };
}
