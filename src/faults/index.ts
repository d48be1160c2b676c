/**
 * faults/: seeded fault injection, FoundationDB BUGGIFY style: sites
 * activated once per run, firing with a chance each time they are reached,
 * all drawn from the simulation's 'faults' stream.
 */
export {
  FaultPlan,
  installFaults,
  DEFAULT_FIRE_CHANCE,
  type FaultOptions,
  type FaultRecord,
} from './fault-plan.ts';
export { FaultSite, FAULT_SITES, SWAP_STOPPING_FAULTS, type FaultSiteName } from './fault-site.ts';
export { FaultMediator } from './fault-mediator.ts';
export { InjectedFault, INJECTED_FAULT, mentionsInjectedFault } from './injected-fault.ts';
export { NEVER_EXITING_THREAD } from './never-exiting-thread.ts';
export { withTransferFaults } from './transfer-faults.ts';
export {
  scheduleSwapFaults,
  type SwapFaultContext,
  type SwapPairs,
  type StartSwap,
} from './swap-faults.ts';
export { plantCoreBug, PLANTED_CORE_BUGS, type PlantedCoreBug } from './plant-core-bug.ts';
