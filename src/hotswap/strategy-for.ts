/**
 * strategyFor(name): the SwapStrategy of that name (swap-strategy.ts lists
 * them). Default 'quiescence', K42's protocol.
 */
import { blockAllStrategy } from './block-all-strategy.ts';
import { lazyStrategy } from './lazy-strategy.ts';
import { naiveStrategy } from './naive-strategy.ts';
import { quiescenceStrategy } from './quiescence-strategy.ts';
import { rollbackStrategy } from './rollback-strategy.ts';
import { updatePointsStrategy } from './update-points-strategy.ts';
import { checkStrategyName, type StrategyName, type SwapStrategy } from './swap-strategy.ts';

const STRATEGIES: Readonly<Record<StrategyName, SwapStrategy>> = {
  quiescence: quiescenceStrategy,
  naive: naiveStrategy,
  'block-all': blockAllStrategy,
  'update-points': updatePointsStrategy,
  rollback: rollbackStrategy,
  lazy: lazyStrategy,
};

export function strategyFor(name: StrategyName | undefined): SwapStrategy {
  return STRATEGIES[checkStrategyName(name ?? 'quiescence', 'hotswap: option strategy')];
}
