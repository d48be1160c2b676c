import { describe, expect, test } from 'vitest';
import { formatLifetime, lifetimeMeanTicks, parseLifetime } from '../../src/experiments/index.ts';

describe('lifetime notation', () => {
  test.each([
    ['fixed:12', { kind: 'fixed', ticks: 12 }, 12],
    ['uniform:2:10', { kind: 'uniform', min: 2, max: 10 }, 6],
    ['exp:40', { kind: 'exponential', mean: 40 }, 40],
    ['bimodal:10:1000:0.02', { kind: 'bimodal', short: 10, long: 1000, longChance: 0.02 }, 29.8],
  ])('%s parses, formats back, and has the right mean', (text, lifetime, mean) => {
    expect(parseLifetime(text)).toEqual(lifetime);
    expect(formatLifetime(parseLifetime(text))).toBe(text);
    expect(lifetimeMeanTicks(parseLifetime(text))).toBeCloseTo(mean, 10);
  });

  test.each([
    ['gamma:3', /unknown kind 'gamma'/],
    ['exp', /'exp' takes 1 parameter/],
    ['exp:abc', /must be a number/],
    ['fixed:0', /integers >= 1/],
    ['uniform:9:3', /MIN must not exceed MAX/],
    ['bimodal:1:2:1.5', /P must be a probability/],
    ['exp:-4', /MEAN must be > 0/],
  ])('%s is refused with a message that says what to write', (text, message) => {
    expect(() => parseLifetime(text)).toThrow(message);
    expect(() => parseLifetime(text)).toThrow(/write one of fixed:N/);
  });
});
