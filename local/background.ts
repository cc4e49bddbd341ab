/**
 * Work the local server does after answering, as AWS does it apart from the request (a Lambda invoked
 * asynchronously, GuardDuty's scan): started on the next turn of the event loop, its failure logged, and awaited
 * by `idle()` (the server's close, tests).
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly log: (line: string) => void,
    private readonly label: string,
  ) {}

  start(name: string, work: () => Promise<unknown>) {
    const done: Promise<unknown> = new Promise((resolve) => setImmediate(resolve))
      .then(work)
      .catch((e: unknown) => this.log(`[${this.label}] ${name}: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Resolves once nothing is running. */
  async idle() {
    while (this.running.size) await Promise.all([...this.running]);
  }
}
