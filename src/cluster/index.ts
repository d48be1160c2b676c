/**
 * cluster/: distributed upgrades after Upstart (docs/UPSTART.md): a cluster
 * of Simulations on one clock, a seeded network, RPC with versions on the
 * wire, upgrades with invariants and past/future simulation objects,
 * scheduling functions, node failure and restart from a simulated disk.
 */
export {
  Cluster,
  createCluster,
  type ClusterOptions,
  type ClusterResult,
  type RpcResult,
  type RpcOptions,
} from './cluster.ts';
export { ClusterNode, type RpcRequest } from './cluster-node.ts';
export { Network, type NetworkOptions } from './network.ts';
export { RpcLedger } from './rpc-ledger.ts';
export {
  DisallowedCallError,
  checkUpgrade,
  type Upgrade,
  type UpgradeInvariant,
  type SoMethod,
} from './upgrade.ts';
export { SimulationObject, type SoKind } from './simulation-object.ts';
export { rolling, byGroup, atTime, whenIdle, type UpgradeSchedule } from './upgrade-schedule.ts';
export { ClusterTimeline, type TimelineMark } from './cluster-timeline.ts';
export { GrowSet, IntSet, growSetUpgrade } from './grow-set-upgrade.ts';
export {
  ColorSet,
  FlavorSet,
  FLAVOR_OF,
  colorSetUpgrade,
  colorSetWeakUpgrade,
  type Color,
  type Flavor,
} from './color-set-upgrade.ts';
export {
  RingStore,
  RingStoreV2,
  ringNullUpgrade,
  ringPositions,
  ringOwner,
  ringHash,
  RING_SIZE,
} from './ring-upgrade.ts';
export {
  runRing,
  checkRingOptions,
  createRingCluster,
  scheduleNamed,
  SCHEDULE_NAMES,
  KEY_STRIDE,
  type RingOptions,
  type RingRun,
  type ScheduleName,
} from './ring-run.ts';
export {
  runExample,
  EXAMPLE_NAMES,
  type ExampleOptions,
  type ExampleRun,
} from './cluster-examples.ts';
export {
  clusterLanesHtml,
  nodeSegments,
  type NodeSpan,
  type NodeState,
  type VersionColor,
} from './cluster-lanes-html.ts';
