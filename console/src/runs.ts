/**
 * Jobs as the console follows them (a year-end run, a large import): the API answers at once (202) with the run and its status URL; the page
 * asks again every second, shows the step the run is at, and says how it ended.
 */
import { LABELS } from '../../shared/domain/labels.js';
import { api } from './api.js';
import { html } from './dom.js';
import type { RunView } from './types.js';

const POLL_MS = 1000;
/** A run longer than this is left to its record: the page stops asking (the run goes on). */
const GIVE_UP_MS = 10 * 60_000;

/**
 * Follows work the API does as a job (a year-end run, a large import) until it has ended, showing where it is in
 * `status`; resolves with its last record (still under way if it outlasted GIVE_UP_MS).
 */
export async function follow<T extends { status: string; statusUrl: string }>(
  first: T,
  status: HTMLElement,
  step: (current: T) => string,
): Promise<T> {
  let current = first;
  const started = Date.now();
  while ((current.status === 'queued' || current.status === 'running') && Date.now() - started < GIVE_UP_MS) {
    status.innerHTML = html`<span class="spinner" aria-hidden="true"></span> ${step(current)}…`;
    await new Promise((r) => setTimeout(r, POLL_MS));
    current = await api<T>(current.statusUrl);
  }
  status.textContent = '';
  return current;
}

/** Follows a run until it has ended, showing its step in `status`; resolves with its last record. */
export const followRun = (run: RunView, status: HTMLElement): Promise<RunView> =>
  follow(run, status, (r) => r.progressLabel ?? LABELS.runStatuses[r.status]);

/** How a run ended, in a sentence. */
export const runOutcome = (run: RunView, year: number) =>
  run.status === 'succeeded'
    ? `Đã tổng hợp năm ${year}: ${run.counts?.units ?? 0} đơn vị, ${run.counts?.figures ?? 0} số liệu.`
    : `Lượt tổng hợp năm ${year}: ${LABELS.runStatuses[run.status]}${run.error ? ` — ${run.error}` : ''}`;
