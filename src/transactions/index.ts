/**
 * transactions/: `sim.transaction(name, body)` (nested), the undo journal
 * each object keeps, and what the rollback swap strategy asks of them
 * (transactions.ts).
 */
export { Transactions, type TransactionOptions, type TransactionBody } from './transactions.ts';
export { TransactionAttempt, type TransactionHandle } from './transaction-attempt.ts';
export { ObjectJournal, imageOf, restoreImage } from './object-journal.ts';
export { TransactionRolledBack } from './transaction-rolled-back.ts';
export type { TransactionEvent } from './transaction-events.ts';
