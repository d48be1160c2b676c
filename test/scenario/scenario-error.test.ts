import { describe, expect, test } from 'vitest';
import { locateError, ScenarioInputError, ScenarioSetupError } from '../../src/scenario/index.ts';

describe('ScenarioInputError and locateError', () => {
  test('the message carries the location on its own line', () => {
    const e = new ScenarioSetupError("scenario 'x': setup threw Error: no", '/a/x.ts:12');
    expect(e).toBeInstanceOf(ScenarioInputError);
    expect(e.name).toBe('ScenarioSetupError');
    expect(e.message).toBe("scenario 'x': setup threw Error: no\n    at /a/x.ts:12");
    expect(new ScenarioInputError('plain').message).toBe('plain');
  });

  test('finds the first frame in a given file, or the first frame at all', () => {
    const err = new Error('x');
    err.stack = [
      'Error: x',
      '    at inner (/lib/kernel.js:10:5)',
      '    at setup (file:///home/u/s.ts:42:7)',
      '    at /home/u/s.ts:50:1',
    ].join('\n');
    expect(locateError(err, '/home/u/s.ts')).toBe('/home/u/s.ts:42');
    expect(locateError(err, null)).toBe('/lib/kernel.js:10');
    expect(locateError(err, '/elsewhere.ts')).toBeNull();
    expect(locateError('not an error', null)).toBeNull();
  });
});
