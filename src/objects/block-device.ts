/**
 * BlockDevice: a simulated disk, a kernel object whose reads and writes take
 * simulated time. A file cache reaches it through a ref injected with
 * BLOCK_DEVICE.
 *
 * Interface:
 *   *read(file, block): Op<string>         sleeps readTicks, returns the
 *                                          block ('' if never written)
 *   *write(file, block, data): Op<void>    the data is stored when the call
 *                                          begins (issue order is device
 *                                          order), then it sleeps writeTicks
 *                                          (the acknowledgement)
 *   stored(file, block)                    plain: the stored data, no latency
 *                                          (for checkers and tests)
 * Counters (fields): reads, writes.
 *
 * Options (constructor argument, `objects.create(BlockDevice, { readTicks,
 * writeTicks })`): readTicks default 4, writeTicks default 6, integers >= 0.
 *
 * Transfer: exports and imports 'device-blocks' ({ blocks: [file, block,
 * data][] }), so a device can itself be swapped.
 */
import { sleep, type Op } from '../kernel/index.ts';
import { blockKey, checkAddress } from './block-address.ts';

export interface BlockDeviceOptions {
  readonly readTicks?: number;
  readonly writeTicks?: number;
}

export interface DeviceBlocksState {
  readonly blocks: readonly (readonly [file: string, block: number, data: string])[];
}

const DEVICE_BLOCKS = 'device-blocks';

export class BlockDevice {
  readonly readTicks: number;
  readonly writeTicks: number;
  reads = 0;
  writes = 0;
  private readonly data = new Map<string, { file: string; block: number; data: string }>();

  constructor(options: BlockDeviceOptions = {}) {
    this.readTicks = checkTicks('readTicks', options.readTicks ?? 4);
    this.writeTicks = checkTicks('writeTicks', options.writeTicks ?? 6);
  }

  *read(file: string, block: number): Op<string> {
    checkAddress('BlockDevice.read', file, block);
    this.reads++;
    yield* sleep(this.readTicks);
    return this.data.get(blockKey(file, block))?.data ?? '';
  }

  *write(file: string, block: number, data: string): Op<void> {
    checkAddress('BlockDevice.write', file, block);
    if (typeof data !== 'string')
      throw new TypeError(`BlockDevice.write: data must be a string, got ${typeof data}`);
    this.writes++;
    this.data.set(blockKey(file, block), { file, block, data });
    yield* sleep(this.writeTicks);
  }

  stored(file: string, block: number): string | undefined {
    return this.data.get(blockKey(file, block))?.data;
  }

  exportFormats(): readonly string[] {
    return [DEVICE_BLOCKS];
  }

  exportState(): DeviceBlocksState {
    return { blocks: [...this.data.values()].map((b) => [b.file, b.block, b.data] as const) };
  }

  importFormats(): readonly string[] {
    return [DEVICE_BLOCKS];
  }

  importState(_format: string, state: unknown): void {
    for (const [file, block, data] of (state as DeviceBlocksState).blocks)
      this.data.set(blockKey(file, block), { file, block, data });
  }
}

function checkTicks(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0)
    throw new RangeError(`BlockDevice: option ${name} must be an integer >= 0, got ${v}`);
  return v;
}
