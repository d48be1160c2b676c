/**
 * TransactionEvent: a transaction attempt's life (transactions.ts). `tx` is
 * the transaction's id (stable across its retries), `attempt` counts from 1;
 * `parent` is the enclosing transaction's id for a nested one, else null.
 * The 'transactions' checker reads these with call.entered / call.reached.
 */
export type TransactionEvent =
  | {
      readonly type: 'transaction.begun';
      readonly tx: number;
      readonly attempt: number;
      readonly name: string;
      readonly thread: number;
      readonly parent: number | null;
    }
  | {
      readonly type: 'transaction.committed';
      readonly tx: number;
      readonly attempt: number;
      readonly thread: number;
    }
  | {
      /** Undone through the objects' journals; the attempt retries (outermost) or unwinds (nested). */
      readonly type: 'transaction.rolled-back';
      readonly tx: number;
      readonly attempt: number;
      readonly thread: number;
      readonly reason: string;
      /** The swap that rolled it back, or null. */
      readonly bySwap: number | null;
      /** Ticks since the attempt began: the work thrown away. */
      readonly ticksLost: number;
      /** Objects whose state the journal restored. */
      readonly undone: readonly number[];
    }
  | {
      /** The body threw: its effects undone unless it was irrevocable; the error goes on. */
      readonly type: 'transaction.failed';
      readonly tx: number;
      readonly attempt: number;
      readonly thread: number;
      readonly error: string;
      readonly undone: readonly number[];
    }
  | {
      readonly type: 'transaction.irrevocable';
      readonly tx: number;
      readonly attempt: number;
      readonly thread: number;
      readonly what: string;
    };
