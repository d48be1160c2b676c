/**
 * Streaming writers give the same bytes as the one-string versions: the
 * trace file is JSON.stringify of the trace, the HTML file is
 * renderHtmlReport's page, with long arrays written element by element.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { compute, createSimulation } from 'kernel-sim';
import { TracerPlugin } from '../../src/plugins/index.ts';
import {
  fileSink,
  recordTimeline,
  renderHtmlReport,
  streamJson,
  writeHtmlReport,
} from '../../src/report/index.ts';

function streamed(value: unknown): string {
  let out = '';
  streamJson(value, (t) => (out += t));
  return out;
}

test('streamJson writes what JSON.stringify writes, for any plain data', () => {
  const long = fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(undefined)), {
    minLength: 0,
    maxLength: 700,
  });
  fc.assert(
    fc.property(
      fc.record({ a: long, b: fc.record({ c: long, d: fc.string() }), e: fc.jsonValue() }),
      (v) => {
        expect(streamed(v)).toBe(JSON.stringify(v));
      },
    ),
    { numRuns: 60 },
  );
  expect(streamed({ x: undefined, y: [undefined, () => 1, ...Array(300).fill(1)] })).toBe(
    JSON.stringify({ x: undefined, y: [undefined, () => 1, ...Array(300).fill(1)] }),
  );
});

function busyRun() {
  const sim = createSimulation({ seed: 3, cpus: 2 });
  class Box {
    n = 0;
    *add() {
      yield* compute(1);
      return ++this.n;
    }
  }
  const box = sim.objects.create(Box);
  const recorder = recordTimeline(sim);
  const tracer = new TracerPlugin();
  tracer.attach(sim);
  for (let i = 0; i < 150; i++)
    sim.spawn(`t${i}`, function* () {
      for (let k = 0; k < 3; k++) yield* box.add();
    });
  sim.run();
  return { model: recorder.model(), tracer };
}

test('the trace and the HTML report are written streamed, byte for byte the same', () => {
  const { model, tracer } = busyRun();
  expect(model.calls.id.length).toBeGreaterThan(400); // long enough to stream
  const dir = mkdtempSync(join(tmpdir(), 'ks-stream-'));
  const trace = tracer.write(join(dir, 'trace.json'));
  expect(readFileSync(trace, 'utf8')).toBe(tracer.text());
  const html = writeHtmlReport(join(dir, 'run.html'), model, { seed: 3 });
  expect(readFileSync(html, 'utf8')).toBe(renderHtmlReport(model, { seed: 3 }));
});

test('fileSink buffers pieces and writes them all', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'ks-sink-')), 'out.txt');
  const out = fileSink(path, 10);
  for (let i = 0; i < 100; i++) out.write(`${i},`);
  out.close();
  expect(readFileSync(path, 'utf8')).toBe(Array.from({ length: 100 }, (_, i) => `${i},`).join(''));
});
