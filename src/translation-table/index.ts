/**
 * translation-table/: object identity, refs, the global and local tables,
 * calls, mediator hooks, clustered objects, factories and the transfer
 * contract.
 */
export { TranslationTable, DEFAULT_CALL_DEPTH_MAX, type Construct } from './translation-table.ts';
export {
  TableEntry,
  EntryExtension,
  type EntryState,
  type StubFactory,
  type MethodStats,
} from './table-entry.ts';
export { ObjectRefBase, type ObjectRef, type ObjectId, type MethodKeys } from './object-ref.ts';
export { Call } from './call.ts';
export { MediatorError, type Mediator, type Forward, type ForwardOp } from './mediator.ts';
export { ClusteredObject, isClusteredClass, type Cluster } from './clustered-object.ts';
export { Factory, declaredVersion } from './factory.ts';
export {
  methodKinds,
  isGeneratorFunction,
  PROTOCOL_METHODS,
  type MethodKind,
} from './method-kinds.ts';
export type { StateTransfer, TransferContext } from './state-transfer.ts';
export type { TableEvent } from './table-events.ts';
export {
  StaleRefError,
  NoSuchMethodError,
  ForgedRefError,
  NotInThreadError,
  MissingYieldError,
  CallDepthError,
} from './table-errors.ts';
