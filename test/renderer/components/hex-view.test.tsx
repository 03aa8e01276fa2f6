// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HexView } from '../../../renderer/src/components/hex-view.js';

afterEach(() => cleanup());

describe('HexView', () => {
  it('colours and labels each field span, with absolute offsets', () => {
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => i);
    render(
      <HexView
        bytes={bytes}
        baseOffset={0x100}
        spans={[
          { field: 'entry_type', start: 0, end: 1, label: 'entry type' },
          { field: 'transaction_id', start: 1, end: 33, label: 'transaction id (32 bytes)' },
          { field: 'crc', start: 36, end: 40, label: 'CRC-32' },
        ]}
      />,
    );
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['0x000100', '0x000110', '0x000120']);
    expect(document.querySelectorAll('.hex-byte.field-transaction')).toHaveLength(32);
    expect(document.querySelectorAll('.hex-byte.field-crc')).toHaveLength(4);
    expect(document.querySelectorAll('.hex-byte.field-none')).toHaveLength(3);
    const crcByte = document.querySelectorAll('.hex-byte.field-crc')[0]!;
    expect(crcByte.getAttribute('title')).toBe('CRC-32 — offset 0x000124 (292)');
    expect(screen.getByText('transaction id (32 bytes)')).toBeTruthy();
  });

  it('aligns rows to multiples of 16 in the file and marks a damaged range over the fields', () => {
    render(
      <HexView
        bytes={new Uint8Array(20)}
        baseOffset={0x4f}
        spans={[{ field: 'crc', start: 16, end: 20 }]}
        highlight={{ start: 4, end: 20, label: 'crc-mismatch: 16 bytes' }}
      />,
    );
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['0x000040', '0x000050', '0x000060']);
    expect(document.querySelectorAll('.hex-byte.hex-pad')).toHaveLength(15);
    expect(document.querySelectorAll('.hex-byte.hex-trouble')).toHaveLength(16);
    expect(document.querySelectorAll('.hex-byte.hex-trouble.field-crc')).toHaveLength(4);
    expect(screen.getByText('crc-mismatch: 16 bytes')).toBeTruthy();
  });

  it('shows the first bytes of a large range and offers the rest', () => {
    render(<HexView bytes={new Uint8Array(10_000)} baseOffset={0} initialLimit={64} />);
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.getByRole('button', { name: 'Show all 10000 bytes' })).toBeTruthy();
  });
});
