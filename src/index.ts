/**
 * kernel-sim: the public entry. Scenario authors, plugin writers and the
 * acceptance checks program against these names (docs/ARCHITECTURE.md, "The
 * public API is a contract").
 */
import 'reflect-metadata';

export {
  compute,
  sleep,
  yieldCpu,
  spawn,
  block,
  wake,
  deactivateSelf,
  quiescentPoint,
  updatePoint,
  WaitQueue,
  Prng,
  KernelPanic,
  LiveLimitError,
  type LiveLimitOption,
  type Effect,
  type Op,
  type ThreadView,
  type ThreadId,
  type ThreadBody,
  type SchedulingPolicy,
  type EnqueueReason,
  type Lifetime,
  type WorkloadSpec,
  type WorkloadThreadContext,
  type Stamped,
  type Clock,
} from './kernel/index.ts';
export {
  ClusteredObject,
  Call,
  MediatorError,
  StaleRefError,
  NoSuchMethodError,
  ForgedRefError,
  CallDepthError,
  type Cluster,
  type ObjectRef,
  type ObjectId,
  type Mediator,
  type Forward,
  type ForwardOp,
  type StateTransfer,
  type TransferContext,
} from './translation-table/index.ts';
export {
  ObservingMediator,
  ForwardingMediator,
  type MediatorHandle,
} from './interposition/index.ts';
export {
  DETECTOR_NAMES,
  type QuiescenceRequest,
  type Blocker,
  type DetectorName,
} from './quiescence/index.ts';
export {
  describeBlockers,
  strategyHolds,
  HOLDING_STRATEGIES,
  type Swap,
  type SwapHandle,
  type SwapGroup,
  type SwapOptions,
  type SwapContext,
  type SwapPhase,
  type SwapOutcome,
  type ClassUpdate,
  type ClassUpdateOptions,
  type FactorySwapState,
  type BlockerReport,
  type StubsFor,
  type NegotiationRule,
} from './hotswap/index.ts';
export {
  TransactionRolledBack,
  type TransactionHandle,
  type TransactionOptions,
  type TransactionBody,
  type TransactionEvent,
} from './transactions/index.ts';
export {
  createSimulation,
  Simulation,
  type SimulationOptions,
  type RunResult,
  type RunOutcome,
  type SimulationEvent,
  type SimulationEventType,
  type ThreadHandle,
  type ObjectInfo,
} from './simulation/index.ts';
export * from './objects/index.ts';
export * from './plugins/index.ts';
export {
  defineScenario,
  runScenario,
  resolveScenarioOptions,
  isScenario,
  ScenarioInputError,
  ScenarioSetupError,
  type Scenario,
  type ScenarioSpec,
  type ExpectInfo,
  type ScenarioOptions,
  type ScenarioOverrides,
  type ScenarioPlugin,
  type RunScenarioOptions,
  type ScenarioReport,
  type SwapReport,
  type SwapPhaseReport,
  type PluginReport,
  type ObjectSummary,
  type FailedThread,
  type OnFailedThread,
  type ScenarioSummary,
  type SummarySeries,
} from './scenario/index.ts';
export {
  TimelineRecorder,
  recordTimeline,
  toChromeTrace,
  checkTraceNesting,
  renderHtmlReport,
  writeHtmlReport,
  type TimelineModel,
  type TimelineSource,
  type ChromeTrace,
  type TraceEvent,
  type ReportSummary,
} from './report/index.ts';
export {
  attachCheckers,
  createCheckers,
  checkDeterminism,
  formatViolation,
  CHECKER_NAMES,
  type Checker,
  type CheckerName,
  type CheckerOptions,
  type CheckReport,
  type Violation,
  type FormatMapping,
} from './checkers/index.ts';
export {
  installFaults,
  FaultPlan,
  InjectedFault,
  FAULT_SITES,
  SWAP_STOPPING_FAULTS,
  plantCoreBug,
  PLANTED_CORE_BUGS,
  type FaultOptions,
  type FaultSiteName,
  type PlantedCoreBug,
} from './faults/index.ts';
export {
  runCheck,
  formatSummary,
  type CheckOptions,
  type CheckSummary,
  type SeedResult,
} from './check/index.ts';
export { inject, injectable } from 'inversify';
