import { useEffect, type ReactNode } from 'react';
import { ENTRY_TYPE_NAMES, type Stats } from '../contract.js';
import { formatBytes, formatCount, formatDuration } from '../lib/format.js';
import { typeClass } from '../lib/field-colors.js';
import { formatStatsTime } from '../lib/stats-time.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';
import { SegmentList } from './segment-list.js';

/** A count as the table shows it, with the exact value for tests and copy (data-stat names the Stats field). */
function Count({ stat, value }: { readonly stat: string; readonly value: number }) {
  return <span data-stat={stat}>{formatCount(value)}</span>;
}

function Bytes({ stat, value }: { readonly stat: string; readonly value: number }) {
  return (
    <span data-stat={stat} data-bytes={value} title={`${formatCount(value)} bytes`}>
      {formatBytes(value)}
    </span>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="stats-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function span(s: Stats): string {
  if (s.first_time === null || s.last_time === null) return '';
  const ms = Number(BigInt(s.last_time) - BigInt(s.first_time));
  return ` (${formatDuration(ms)})`;
}

/**
 * What `stats` prints, from stats.get (the service counts; nothing is recounted here): entries
 * and bytes per type, collection and segment, time span, transactions, damage.
 */
export function StatsPanel() {
  const stats = useAppStore((s) => s.stats);
  const error = useAppStore((s) => s.statsError);
  const info = useAppStore((s) => s.session?.segments ?? []);
  const loadStats = useAppStore((s) => s.loadStats);
  const rows = useAppStore((s) => s.session?.progress.rows ?? 0);
  const complete = useAppStore((s) => s.session?.progress.complete ?? false);
  // Counted again when rows arrived (indexing, follow); loadStats skips a state it already counted.
  useEffect(() => {
    void loadStats();
  }, [loadStats, rows, complete]);
  if (error) return <ErrorMessage title="The statistics could not be counted" error={error} />;
  if (!stats) return <div className="stats-panel muted">Counting…</div>;
  const t = stats.transactions;
  const damageKinds = Object.entries(stats.by_damage).filter(([, n]) => n > 0);
  return (
    <div className="stats-panel" role="region" aria-label="Statistics">
      {!stats.complete && <p className="muted" role="status">Indexing: these counts cover the rows read so far.</p>}
      <section className="stats-section">
        <h2>Summary</h2>
        <dl className="stats-facts">
          <Fact label="Entries"><Count stat="entries" value={stats.entries} /></Fact>
          <Fact label="Rows (entries and damaged ranges)"><Count stat="rows" value={stats.rows} /></Fact>
          <Fact label="Entry bytes"><Bytes stat="entry_bytes.total" value={stats.entry_bytes.total} /></Fact>
          <Fact label="Entry size min / mean / max">
            <Bytes stat="entry_bytes.min" value={stats.entry_bytes.min} /> / {formatBytes(Math.round(stats.entry_bytes.mean))} /{' '}
            <Bytes stat="entry_bytes.max" value={stats.entry_bytes.max} />
          </Fact>
          <Fact label="With data"><Count stat="with_data" value={stats.with_data} /> (<Bytes stat="data_bytes" value={stats.data_bytes} />)</Fact>
          <Fact label="Collections / documents">
            <Count stat="collections" value={stats.collections} /> / <Count stat="documents" value={stats.documents} />
          </Fact>
          <Fact label="Time span">
            <span className="mono" data-stat="first_time">{formatStatsTime(stats.first_time)}</span> →{' '}
            <span className="mono" data-stat="last_time">{formatStatsTime(stats.last_time)}</span>
            {span(stats)}
          </Fact>
          {stats.entries_with_invalid_utf8_ids > 0 && (
            <Fact label="Ids not valid UTF-8"><Count stat="entries_with_invalid_utf8_ids" value={stats.entries_with_invalid_utf8_ids} /></Fact>
          )}
        </dl>
      </section>
      <div className="stats-columns">
        <section className="stats-section">
          <h2>By type</h2>
          <table className="plain-table" aria-label="Entries by type">
            <thead>
              <tr><th>Type</th><th className="align-end">Entries</th><th className="align-end">Bytes</th></tr>
            </thead>
            <tbody>
              {ENTRY_TYPE_NAMES.map((type) => (
                <tr key={type}>
                  <td><span className={`chip ${typeClass(type)}`}>{type}</span></td>
                  <td className="align-end"><Count stat={`by_type.${type}`} value={stats.by_type[type]} /></td>
                  <td className="align-end"><Bytes stat={`bytes_by_type.${type}`} value={stats.bytes_by_type[type]} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="stats-section">
          <h2>Transactions</h2>
          <dl className="stats-facts">
            <Fact label="Ids"><Count stat="transactions.ids" value={t.ids} /></Fact>
            <Fact label="With a Begin"><Count stat="transactions.with_begin" value={t.with_begin} /></Fact>
            <Fact label="Committed"><Count stat="transactions.committed" value={t.committed} /></Fact>
            <Fact label="Rolled back"><Count stat="transactions.rolled_back" value={t.rolled_back} /></Fact>
            <Fact label="Never terminated"><Count stat="transactions.never_terminated" value={t.never_terminated} /></Fact>
            <Fact label="Standalone ids (no Begin)"><Count stat="transactions.without_begin" value={t.without_begin} /></Fact>
            {t.damaged !== undefined && <Fact label="Damaged"><Count stat="transactions.damaged" value={t.damaged} /></Fact>}
          </dl>
        </section>
        <section className="stats-section">
          <h2>Damage</h2>
          <dl className="stats-facts">
            <Fact label="Damaged ranges"><Count stat="damaged" value={stats.damaged} /></Fact>
            <Fact label="Bytes skipped"><Bytes stat="damaged_bytes" value={stats.damaged_bytes} /></Fact>
            {damageKinds.map(([kind, n]) => (
              <Fact key={kind} label={kind}><Count stat={`by_damage.${kind}`} value={n} /></Fact>
            ))}
          </dl>
        </section>
      </div>
      <section className="stats-section">
        <h2>By collection</h2>
        <table className="plain-table stats-collections" aria-label="Entries by collection">
          <thead>
            <tr><th>Collection</th><th className="align-end">Entries</th></tr>
          </thead>
          <tbody>
            {stats.by_collection.map((c) => (
              <tr key={c.collection}>
                <td className="mono">{c.collection || <span className="faint">(empty)</span>}</td>
                <td className="align-end"><Count stat={`by_collection.${c.collection}`} value={c.entries} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="stats-section">
        <h2>Segments</h2>
        <SegmentList segments={stats.segments} info={info} />
      </section>
    </div>
  );
}
