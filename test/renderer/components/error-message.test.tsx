// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorMessage } from '../../../renderer/src/components/error-message.js';

afterEach(() => cleanup());

describe('ErrorMessage', () => {
  it('a checkpoint refused because another process writes the log names the file and the process, and says what to do', () => {
    render(<ErrorMessage title="Checkpoint failed" error={{
      code: 'LOG_IN_USE', message: 'process 4242 (sentinel) has /d/.wal/transactions.wal open for writing: nothing was sealed or removed',
      context: { file: '/d/.wal/transactions.wal', pid: 4242 },
    }} />);
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('.error-where')?.textContent).toBe('file /d/.wal/transactions.wal · process 4242');
    expect(alert.querySelector('.error-hint')?.textContent).toMatch(/^Another process is writing the log: stop it/);
  });

  it('a link in the way has its own hint', () => {
    render(<ErrorMessage title="Checkpoint failed" error={{ code: 'LINK_REFUSED', message: '/d/.wal is a symbolic link', context: { file: '/d/.wal' } }} />);
    expect(screen.getByRole('alert').querySelector('.error-hint')?.textContent).toMatch(/plain directories and files/);
  });
});
