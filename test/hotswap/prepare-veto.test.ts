/**
 * prepareVeto (src/hotswap/prepare-veto.ts): a swap's prepare hook goes on
 * (null), vetoes with its string, or refuses with what it threw; the
 * context is built only when there is a hook, and a throw while building it
 * counts as the hook's.
 */
import { describe, expect, test } from 'vitest';
import { prepareVeto } from '../../src/hotswap/prepare-veto.ts';
import type { SwapContext } from '../../src/hotswap/swap-options.ts';

const ctx = {} as SwapContext;

describe('prepareVeto', () => {
  test('no hook: go on, and the context is not built', () => {
    let built = 0;
    expect(prepareVeto(undefined, () => (built++, ctx))).toBeNull();
    expect(built).toBe(0);
  });

  test('a hook that returns nothing goes on; a string vetoes with it', () => {
    expect(
      prepareVeto(
        () => undefined,
        () => ctx,
      ),
    ).toBeNull();
    expect(
      prepareVeto(
        () => 'not now',
        () => ctx,
      ),
    ).toBe('vetoed by prepare(): not now');
  });

  test('a throw, in the hook or while building its context, refuses with the error', () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    expect(prepareVeto(boom, () => ctx)).toBe('prepare() threw: Error: boom');
    expect(prepareVeto(() => undefined, boom)).toBe('prepare() threw: Error: boom');
  });
});
