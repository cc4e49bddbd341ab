/**
 * A year-end run as the console follows it: the API answers at once (202) with the run and its status URL; the page
 * asks again every second, shows the step the run is at, and says how it ended.
 */
import { LABELS } from '../../shared/domain/labels.js';
import { api } from './api.js';
import { html } from './dom.js';
import type { RunView } from './types.js';

const POLL_MS = 1000;
/** A run longer than this is left to its record: the page stops asking (the run goes on). */
const GIVE_UP_MS = 10 * 60_000;

/** Follows a run until it has ended, showing its step in `status`; resolves with its last record. */
export async function followRun(run: RunView, status: HTMLElement): Promise<RunView> {
  let current = run;
  const started = Date.now();
  while ((current.status === 'queued' || current.status === 'running') && Date.now() - started < GIVE_UP_MS) {
    status.innerHTML = html`<span class="spinner" aria-hidden="true"></span> ${current.progressLabel ?? LABELS.runStatuses[current.status]}…`;
    await new Promise((r) => setTimeout(r, POLL_MS));
    current = await api<RunView>(current.statusUrl);
  }
  status.textContent = '';
  return current;
}

/** How a run ended, in a sentence. */
export const runOutcome = (run: RunView, year: number) =>
  run.status === 'succeeded'
    ? `Đã tổng hợp năm ${year}: ${run.counts?.units ?? 0} đơn vị, ${run.counts?.figures ?? 0} số liệu.`
    : `Lượt tổng hợp năm ${year}: ${LABELS.runStatuses[run.status]}${run.error ? ` — ${run.error}` : ''}`;
