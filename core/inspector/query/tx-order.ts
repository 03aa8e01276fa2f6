import type { TransactionSortKey } from '../../contract/contract-types.js';
import type { RowStore } from '../index/row-store.js';
import { orderByKeys } from './radix-order.js';
import type { TxTable } from './tx-table.js';

/**
 * Transactions in the order of a sort key, ties in order of first appearance (both
 * directions), or null for first appearance itself. Linear time (radix-order.ts).
 */
export function txOrder(store: RowStore, x: TxTable, key: TransactionSortKey, desc: boolean): Uint32Array | null {
  const n = x.count;
  switch (key) {
    case 'first': {
      if (!desc) return null;
      const out = new Uint32Array(n);
      for (let t = 0; t < n; t++) out[t] = n - 1 - t;
      return out;
    }
    case 'entries':
      return orderByKeys(x.entries, desc);
    case 'size':
      return orderByKeys(x.bytes, desc);
    case 'status':
      return orderByKeys(x.status, desc);
    case 'time':
    case 'duration': {
      const keys = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        const from = store.time(x.first[t]!);
        keys[t] = key === 'time' ? from : Math.max(0, store.time(x.last[t]!) - from);
      }
      return orderByKeys(keys, desc);
    }
  }
}
