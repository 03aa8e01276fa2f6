import { useShallow } from 'zustand/react/shallow';
import type { CollectionWalConfig, StoreSessionCollection } from '../contract.js';
import { formatBytes, formatCount, formatLocalTime } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { selectTickedCollections } from '../store/slices/store-session-slice.js';

/**
 * Width of the collection list beside the table, px, for a body this wide (the workspace keeps the
 * table and detail pane within what is left); folded, a strip with the button that unfolds it.
 */
export function collectionListWidth(bodyWidth: number, open: boolean): number {
  if (!open) return 30;
  return bodyWidth < 1100 ? 190 : 240;
}

/** The WAL configuration in one line, and in full for the tooltip. */
export function describeWalConfig(c: CollectionWalConfig): { line: string; full: string } {
  const rotation = [
    c.max_wal_size_bytes !== null ? formatBytes(c.max_wal_size_bytes) : null,
    c.max_records_per_file !== null ? `${formatCount(c.max_records_per_file)} records` : null,
  ].filter((x) => x !== null);
  const line = `${c.format === 'jsonl' ? 'JSON Lines' : 'binary'} · ${c.compression === 'none' ? 'uncompressed' : c.compression} · write ${c.write_mode}`;
  const full = [
    `format ${c.format}, rotated segments ${c.compression === 'none' ? 'not compressed' : `compressed with ${c.compression}`}`,
    `rotation: ${rotation.length ? rotation.join(' or ') : 'none'}`,
    `write mode ${c.write_mode}, verification mode ${c.verification_mode}`,
    `auto verify ${c.auto_verify ? 'on' : 'off'}, recovery ${c.enable_recovery ? 'enabled' : 'disabled'}`,
    c.source === 'defaults' ? 'no wal_config in .metadata.json: Sentinel’s defaults' : 'from .metadata.json',
    ...c.problems,
  ].join('\n');
  return { line, full };
}

function CollectionItem({ c, ticked, active }: { readonly c: StoreSessionCollection; readonly ticked: boolean; readonly active: boolean }) {
  const setFilter = useAppStore((s) => s.setFilter);
  const toggle = useAppStore((s) => s.toggleStoreCollection);
  const wal = describeWalConfig(c.wal_config);
  const unlogged = c.wal_config.write_mode !== 'strict';
  return (
    <li className={`collection-item${active ? ' active' : ''}`} data-testid="collection-item" data-collection={c.collection}>
      <div className="collection-head">
        <input
          type="checkbox"
          checked={ticked}
          onChange={(e) => toggle(c.collection, e.target.checked)}
          aria-label={`Include ${c.collection} in Verify and Recover`}
          title="Verify and Recover work on the ticked collections"
        />
        <button
          type="button"
          className="collection-name"
          aria-pressed={active}
          title={active ? 'Show every collection again' : `Show only ${c.collection} in the table`}
          onClick={() => setFilter({ collection: active ? undefined : c.collection })}
        >
          {c.collection}
        </button>
        {c.system && <span className="badge" title="A system collection: recovered and checkpointed only when ticked">system</span>}
        {c.damaged > 0 && (
          <span className="badge trouble" title={`${c.damaged} damaged range${c.damaged === 1 ? '' : 's'} in its chain`}>
            {formatCount(c.damaged)} damaged
          </span>
        )}
      </div>
      <div className="collection-facts muted small">
        {formatCount(c.entries)} entries · {formatBytes(c.file_bytes)} in {c.segments} segment{c.segments === 1 ? '' : 's'}
      </div>
      <div className="collection-facts muted small">
        {c.last_write === null ? 'nothing written' : <>last write {formatLocalTime(c.last_write)}</>}
      </div>
      <div className={`collection-facts small${unlogged ? ' warn-text' : ' muted'}`} title={wal.full} data-testid="wal-config">
        {wal.line}
        {c.wal_config.source === 'defaults' ? ' (defaults)' : ''}
      </div>
    </li>
  );
}

/** A store session's collections beside the table: what each holds, its WAL configuration; a click shows only it. */
export function CollectionList({ open, onToggle }: { readonly open: boolean; readonly onToggle: () => void }) {
  const store = useAppStore((s) => s.session?.store ?? null);
  const filtered = useAppStore((s) => s.filter.collection);
  const ticked = useAppStore(useShallow(selectTickedCollections));
  const setFilter = useAppStore((s) => s.setFilter);
  const setTicked = useAppStore((s) => s.setStoreTicked);
  if (!store) return null;
  const all = store.collections.length;
  const fold = (
    <button type="button" className="collection-fold" onClick={onToggle} aria-expanded={open} title={open ? 'Fold the collection list' : 'Show the collection list'}>
      {open ? '◂' : '▸'}
    </button>
  );
  if (!open) {
    return (
      <aside className="collection-list folded" aria-label="Collections" data-testid="collection-list">
        {fold}
      </aside>
    );
  }
  return (
    <aside className="collection-list" aria-label="Collections" data-testid="collection-list">
      <div className="collection-list-head">
        <strong>{all} collections</strong>
        {fold}
      </div>
      <div className="muted small collection-tick-line">
        {ticked.length} ticked ·{' '}
        <button type="button" className="link-button" onClick={() => setTicked(store.collections.map((c) => c.collection))}>
          all
        </button>{' '}
        <button type="button" className="link-button" onClick={() => setTicked([])}>
          none
        </button>
      </div>
      <button type="button" className={`collection-all${filtered ? '' : ' active'}`} aria-pressed={!filtered} onClick={() => setFilter({ collection: undefined })}>
        All collections
      </button>
      <ul className="collection-items">
        {store.collections.map((c) => (
          <CollectionItem key={c.collection} c={c} ticked={ticked.includes(c.collection)} active={filtered === c.collection} />
        ))}
      </ul>
      {store.skipped.length > 0 && (
        <p className="muted small">
          Not opened: {store.skipped.map((s) => `${s.collection} (${s.reason})`).join(', ')}
        </p>
      )}
    </aside>
  );
}
