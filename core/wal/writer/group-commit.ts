/**
 * Group commit: every caller of `wait()` is settled by one fsync that starts after it
 * called. While an fsync runs, new callers gather and share the next one, so the number of
 * fsyncs follows the disk's speed, not the number of appends.
 */
interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

export class GroupCommit {
  private waiters: Waiter[] = [];
  private running: Promise<void> | null = null;

  /**
   * @param syncNow fsyncs the file the waiters wrote to (read at call time).
   * @param windowMs how long the first waiter waits for company (0: one event-loop turn).
   */
  constructor(
    private readonly syncNow: () => Promise<void>,
    private readonly windowMs = 0,
  ) {}

  wait(): Promise<void> {
    const settled = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.running ??= this.loop();
    return settled;
  }

  /** Resolves once every waiter so far is settled (before the file is closed or rotated). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    await new Promise<void>((resolve) => (this.windowMs > 0 ? setTimeout(resolve, this.windowMs) : setImmediate(resolve)));
    while (this.waiters.length > 0) {
      const batch = this.waiters;
      this.waiters = [];
      try {
        await this.syncNow();
        for (const w of batch) w.resolve();
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.running = null;
  }
}
