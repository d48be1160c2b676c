import { InvalidArgumentError } from 'commander';
import { describe, expect, test } from 'vitest';
import { intOption, parseIntIn } from '../../src/cli/int-option.ts';

describe('intOption', () => {
  test('accepts whole numbers in range', () => {
    expect(intOption(1, 64)('4')).toBe(4);
    expect(parseIntIn(' 64 ', 1, 64)).toBe(64);
    expect(parseIntIn('0', 0, 10)).toBe(0);
  });

  test.each(['0', '65', '1.5', '1e3', 'abc', '', '-3', '99999999999999999999'])(
    'rejects %j with the accepted range',
    (value) => {
      expect(() => intOption(1, 64)(value)).toThrow(InvalidArgumentError);
      expect(() => intOption(1, 64)(value)).toThrow('expected an integer from 1 to 64');
    },
  );
});
