// @vitest-environment jsdom
import * as path from 'node:path';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withImpact } from '../../../core/wal/damage/impact-stream.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { DamageBadge } from '../../../renderer/src/components/damage-badge.js';
import type { DamageItem } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { GOLDEN } from '../../support/paths.js';
import { createFakeApi, fakeSession } from '../support/fake-api.js';

/** damage.list's items as the service gives them, with the impacts the core computes for a golden file. */
async function itemsOf(file: string): Promise<DamageItem[]> {
  const out: DamageItem[] = [];
  let row = 0;
  for await (const r of withImpact(readLog(await locateLog(path.join(GOLDEN, file))))) {
    if (r.kind === 'damage') out.push({ row, segment_index: 0, segment: r.segment, offset: r.offset, length: r.length, damage: r.damage, detail: r.detail, time: null, impact: r.impact! });
    row++;
  }
  return out;
}

beforeEach(() => resetAppStore());
afterEach(() => cleanup());

describe('the damage badge says what the damage cost in all', () => {
  it('a zeroed run across two entries: 2 ranges, 1 incident, about 2 entries lost', async () => {
    const items = await itemsOf('damaged-zero-run.wal');
    setInspectorApi(createFakeApi({ 'damage.list': () => ({ items, total: items.length, complete: true }) }).api);
    const session = fakeSession(31);
    useAppStore.setState({ session: { ...session, progress: { ...session.progress, damaged: 2 } } });
    render(<DamageBadge />);
    await waitFor(() => expect(screen.getByTestId('damage-badge').textContent).toBe('⚠ 2 damaged ranges — 1 incident, about 2 entries lost'));
  });

  it('only the first ranges are summed when there are more', async () => {
    const items = await itemsOf('damaged-data-bitflip.wal');
    setInspectorApi(createFakeApi({ 'damage.list': () => ({ items, total: 5000, complete: true }) }).api);
    const session = fakeSession(31);
    useAppStore.setState({ session: { ...session, progress: { ...session.progress, damaged: 5000 } } });
    render(<DamageBadge />);
    await waitFor(() => expect(screen.getByTestId('damage-badge').textContent).toBe('⚠ 5,000 damaged ranges — 1+ incidents, 1+ entries lost'));
  });
});
