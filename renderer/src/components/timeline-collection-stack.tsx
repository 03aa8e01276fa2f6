import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Timeline } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { timelineFilter } from '../store/slices/query-slice.js';
import type { TimelineData } from './timeline-chart.js';

/** Collections drawn as series of their own (the busiest); the rest are one "other" series. */
export const MAX_COLLECTION_SERIES = 8;
const OTHER = '(other collections)';

export interface CollectionStack {
  readonly timeline: TimelineData;
  /** Series keys, bottom first: collection names, then OTHER when some are folded into it. */
  readonly keys: readonly string[];
  readonly seriesClass: (key: string) => string;
}

const sumAt = (counts: Timeline['counts'], b: number) => Object.values(counts).reduce((n, list) => n + (list[b] ?? 0), 0);

/**
 * A store session's timeline stacked by collection: the same buckets as the type timeline (its
 * range and count), one timeline.get per collection with the same filter narrowed to it, and
 * what the drawn ones leave of each bucket's total as "other". Null when stacking by type.
 */
export function useCollectionStack(base: Timeline | null): CollectionStack | null {
  const stack = useAppStore((s) => s.timelineStack);
  const sessionId = useAppStore((s) => s.session?.session_id ?? null);
  const collections = useAppStore(useShallow((s) => (s.session?.store?.collections ?? []).map((c) => `${c.collection}\n${c.entries}`)));
  const filter = useAppStore((s) => s.filter);
  const [counts, setCounts] = useState<{ base: Timeline; byCollection: Map<string, readonly number[]> } | null>(null);

  const names = useMemo(() => {
    const parsed = collections.map((x) => ({ name: x.slice(0, x.lastIndexOf('\n')), entries: Number(x.slice(x.lastIndexOf('\n') + 1)) }));
    const only = filter.collection;
    const picked = only !== undefined ? parsed.filter((c) => c.name === only) : [...parsed].sort((a, b) => b.entries - a.entries).slice(0, MAX_COLLECTION_SERIES);
    const keep = new Set(picked.map((c) => c.name));
    return parsed.map((c) => c.name).filter((n) => keep.has(n));
  }, [collections, filter.collection]);

  useEffect(() => {
    if (stack !== 'collection' || !base || base.time_from === null || base.time_to === null || !sessionId || names.length === 0) return;
    let live = true;
    const narrowed = timelineFilter(filter);
    void Promise.all(names.map((collection) => inspectorApi().timeline.get({
      session_id: sessionId, bucket_count: base.bucket_count, time_from: base.time_from!, time_to: base.time_to!, filter: { ...narrowed, collection },
    }))).then((outcomes) => {
      if (!live) return;
      const byCollection = new Map<string, readonly number[]>();
      outcomes.forEach((o, i) => {
        if (o.ok) byCollection.set(names[i]!, Array.from({ length: base.bucket_count }, (_, b) => sumAt(o.value.counts, b)));
      });
      setCounts({ base, byCollection });
    });
    return () => {
      live = false;
    };
  }, [stack, base, sessionId, names, filter]);

  return useMemo(() => {
    if (stack !== 'collection' || !base || counts?.base !== base) return null;
    const out: Record<string, readonly number[]> = {};
    const keys = names.filter((n) => counts.byCollection.has(n));
    for (const k of keys) out[k] = counts.byCollection.get(k)!;
    const other = Array.from({ length: base.bucket_count }, (_, b) => Math.max(0, sumAt(base.counts, b) - keys.reduce((n, k) => n + (out[k]![b] ?? 0), 0)));
    if (other.some((n) => n > 0)) {
      out[OTHER] = other;
      keys.push(OTHER);
    }
    const index = new Map(keys.map((k, i) => [k, i]));
    return {
      timeline: { ...base, counts: out },
      keys,
      seriesClass: (key: string) => (key === OTHER ? 'series-other' : `series-${index.get(key) ?? 0}`),
    };
  }, [stack, base, counts, names]);
}

/** Stack by type or by collection (a store session only), and which colour is which collection. */
export function TimelineStackControls({ stacked }: { readonly stacked: CollectionStack | null }) {
  const isStore = useAppStore((s) => s.session?.store !== undefined);
  const stack = useAppStore((s) => s.timelineStack);
  const setStack = useAppStore((s) => s.setTimelineStack);
  if (!isStore) return null;
  return (
    <div className="timeline-stack" data-testid="timeline-stack">
      <span className="muted small">Stack by</span>
      <span className="segmented" role="group" aria-label="Stack the timeline by">
        <button type="button" aria-pressed={stack === 'type'} onClick={() => setStack('type')}>
          type
        </button>
        <button type="button" aria-pressed={stack === 'collection'} onClick={() => setStack('collection')}>
          collection
        </button>
      </span>
      {stacked && (
        <ul className="timeline-legend" aria-label="Collections">
          {stacked.keys.map((k) => (
            <li key={k} className={`chip ${stacked.seriesClass(k)}`}>
              {k}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
