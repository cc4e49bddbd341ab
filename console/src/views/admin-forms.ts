import { LABELS } from '../../../shared/domain/labels.js';
import { LEVELS } from '../../../shared/domain/types.js';
import { refusalOf } from '../api.js';
import { $, flash, html, options, raw, showErrors, type View } from '../dom.js';

export interface Context {
  campaignId: string;
  year: number;
  /** The campaign's time zone: the datetime inputs are its wall-clock times. */
  timeZone: string;
  nav: string;
}
export type Screen = (view: View, ctx: Context) => Promise<void>;

/** What a form says once sent, and what it shows under itself once the screen is drawn again (an import's rows). */
export type Sent = string | { said: string; after(): void };
/** A form that sends itself: its refusal shown next to its fields, success said and the screen drawn again. */
export function sending(form: HTMLFormElement, send: () => Promise<Sent>, again: () => Promise<void>) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = $<HTMLButtonElement>('button[type="submit"]', form);
    if (button) button.disabled = true;
    try {
      const sent = await send();
      await again();
      if (typeof sent === 'string') flash(sent);
      else {
        flash(sent.said);
        sent.after();
      }
    } catch (err) {
      showErrors(form, refusalOf(err));
      if (button) button.disabled = false;
    }
  });
}
export const alertBox = '<div class="form-alert" tabindex="-1"></div>';
export const field = (id: string, label: string, input: string) =>
  html`<div><label for="${id}">${label}</label>${raw(input)}</div>`;
export const text = (id: string, name: string, value: string | number | null | undefined, extra = '') =>
  `<input id="${id}" name="${name}" data-field="${name}" value="${String(value ?? '').replace(/"/g, '&quot;')}" ${extra}>`;
export const levels = (chosen?: string) =>
  options(
    LEVELS.map((l) => [l, LABELS.levels[l]]),
    chosen,
  );
