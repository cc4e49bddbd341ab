/** The page's building blocks: escaping templates, number and date formats, messages, field errors. */

export const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T | null =>
  root.querySelector<T>(sel);
/** An element the page's own markup guarantees: a missing one is a bug of the console, said plainly. */
export function must<T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T {
  const found = root.querySelector<T>(sel);
  if (!found) throw new Error(`Thiếu phần tử ${sel} trên trang`);
  return found;
}
export const $$ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T[] => [
  ...root.querySelectorAll<T>(sel),
];

/**
 * Each page render gets a generation; a render overtaken by a newer one (the user clicked on while it was loading)
 * draws into a detached element instead of over the newer page.
 */
let generation = 0;
export const currentGeneration = () => generation;
export type View = () => HTMLElement;
export function beginRender(): View {
  const mine = ++generation;
  let detached: HTMLElement | null = null;
  return () => {
    if (mine === generation) return must('#main');
    detached ??= document.createElement('main');
    return detached;
  };
}

/** Markup already escaped (or built by `html`): inserted as is. */
export interface SafeHtml {
  __html: string;
}
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
type Interpolated = string | number | boolean | null | undefined | SafeHtml;
const isSafe = (v: Interpolated): v is SafeHtml => typeof v === 'object' && v !== null && '__html' in v;
/** A template whose interpolations are escaped unless wrapped in raw(). */
export const html = (strings: TemplateStringsArray, ...values: Interpolated[]): string =>
  strings.reduce((out, s, i) => {
    const v = values[i];
    return out + s + (i < values.length ? (v !== undefined && isSafe(v) ? v.__html : esc(v)) : '');
  }, '');
export const raw = (s: string): SafeHtml => ({ __html: s });

export const pct = (x: number | null | undefined) =>
  x === null || x === undefined
    ? '—'
    : new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(x);
export const num = (x: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(x);
/** dd/mm/yyyy of a yyyy-mm-dd date. */
export const dmy = (isoDate: string | null | undefined) => (isoDate ? isoDate.split('-').reverse().join('/') : '');

/**
 * Days and times as an office here types them — dd/mm/yyyy and dd/mm/yyyy HH:mm (24 hours) — in plain text inputs, not
 * the browser's locale widgets (which read mm/dd/yyyy and "11:59 PM" on an English system).
 */
export const dayInput = (id: string, name: string, field: string, isoDay?: string | null) =>
  html`<input id="${id}" name="${name}" data-field="${field}" data-day inputmode="numeric" autocomplete="off" placeholder="dd/mm/yyyy" value="${dmy(isoDay)}">`;
export const momentInput = (id: string, name: string, field: string, localIso?: string | null) =>
  html`<input id="${id}" name="${name}" data-field="${field}" data-moment inputmode="numeric" autocomplete="off" placeholder="dd/mm/yyyy HH:mm" value="${localIso ? `${dmy(localIso.slice(0, 10))} ${localIso.slice(11, 16)}${localIso.slice(16, 19) === ':00' || localIso.length < 19 ? '' : localIso.slice(16, 19)}` : ''}">`;
/** A typed dd/mm/yyyy as the API takes it (yyyy-mm-dd); other text as typed, so the platform names what is wrong. */
export function isoDayOf(typed: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : typed.trim();
}
/** A typed dd/mm/yyyy HH:mm[:ss] as a wall-clock yyyy-mm-ddTHH:mm:ss; other text as typed. */
export function localIsoOf(typed: string): string {
  const m = /^(\S+)\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(typed.trim());
  if (!m) return typed.trim();
  const day = isoDayOf(m[1]!);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T${m[2]!.padStart(2, '0')}:${m[3]}:${m[4] ?? '00'}` : typed.trim();
}
/** The date part of a "dd/mm/yyyy HH:mm:ss" local time. */
export const dateOnly = (local: string | null | undefined) => (local ? (local.split(' ')[0] ?? '') : '');
export const sizeText = (bytes: number) =>
  bytes < 1024 * 1024 ? `${num(Math.max(1, Math.round(bytes / 1024)))} KB` : `${num(bytes / 1024 / 1024)} MB`;
/** Options of a select, the chosen one marked. */
export const options = (entries: Array<[string, string]>, chosen: string | null | undefined) =>
  raw(
    entries.map(([v, t]) => html`<option value="${v}" ${v === chosen ? raw('selected') : ''}>${t}</option>`).join(''),
  );

export function flash(message: string, kind: 'notice' | 'alert' = 'notice') {
  const box = must('#flash');
  box.innerHTML = message ? html`<div class="${kind}">${message}</div>` : '';
  // On a phone the form sent may be far below: the message is brought into view, not left above it.
  if (message && box.getBoundingClientRect().top < 0) box.scrollIntoView({ block: 'start' });
}
/** Goes to a page and shows a message there (a plain hash change clears messages). */
let pendingFlash: string | null = null;
export function navigate(hash: string, message: string) {
  pendingFlash = message;
  location.hash = hash;
}
export function takeFlash(): string {
  const m = pendingFlash ?? '';
  pendingFlash = null;
  return m;
}

export interface FieldProblem {
  field: string;
  message: string;
  /** For a file (an import): the row of the sheet, the header being row 1. */
  row?: number;
}
/** What the API said was wrong, as a form shows it. */
export interface Refusal {
  message: string;
  details: FieldProblem[];
}

/**
 * Puts the API's field errors next to the fields (data-field = the API's field name), each message led by the
 * field's own label ("Tử số: phải là số nguyên"), never by the API's path.
 */
export function showErrors(form: HTMLElement, error: Refusal) {
  for (const e of $$('.field-error', form)) e.remove();
  for (const e of $$('[aria-invalid]', form)) {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('aria-describedby');
  }
  const unplaced: string[] = [];
  for (const d of error.details ?? []) {
    const input =
      $(`[data-field="${CSS.escape(d.field)}"]`, form) ?? $(`[data-field^="${CSS.escape(d.field)}."]`, form);
    if (!input) {
      unplaced.push(d.message);
      continue;
    }
    const id = `err-${Math.random().toString(36).slice(2)}`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    // A field typed in percent (data-percent) is stored as a fraction: its bounds are said in percent too.
    const message =
      input.dataset.percent !== undefined
        ? d.message.replace(/\d+(?:\.\d+)?/g, (n) => `${num(Number(n) * 100)} %`)
        : d.message;
    input.insertAdjacentHTML('afterend', html`<p class="field-error" id="${id}">${labelOf(input, form)}${message}</p>`);
    // Corrected, the field's note goes: an error stays only while it is still true as far as the form knows.
    const clear = () => {
      document.getElementById(id)?.remove();
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    };
    input.addEventListener('input', clear, { once: true });
    input.addEventListener('change', clear, { once: true });
  }
  const box = must('.form-alert', form);
  // The API's own message names fields by their paths: where each is shown beside its field, the form says so in
  // its own words instead.
  const placed = (error.details ?? []).length - unplaced.length;
  const summary = placed
    ? `Chưa lưu được: ${placed} ô cần sửa, xem ghi chú màu đỏ bên cạnh từng ô${unplaced.length ? `; ${unplaced.join('; ')}` : ''}.`
    : `${error.message}${unplaced.length ? ` (${unplaced.join('; ')})` : ''}`;
  box.innerHTML = html`<div class="alert" role="alert">${summary}</div>`;
  ($('[aria-invalid="true"]', form) ?? box).focus();
}
/** "Tử số: " for a field with a label, the fieldset's legend for a group. */
function labelOf(input: HTMLElement, form: HTMLElement): string {
  const label = input.id ? $(`label[for="${CSS.escape(input.id)}"]`, form) : null;
  const text = (label ?? input.closest('fieldset')?.querySelector('legend') ?? input.closest('label'))?.textContent;
  return text?.trim() ? `${text.trim().replace(/\s*\(.*\)$/, '')}: ` : '';
}

/**
 * The value of a named control of a form (trimmed), '' when it is absent; a day or a moment typed the Vietnamese way
 * comes back as the API takes it (yyyy-mm-dd, or a wall-clock yyyy-mm-ddTHH:mm:ss).
 */
export function fieldValue(root: ParentNode, name: string): string {
  const input = $<HTMLInputElement>(`[name="${name}"]`, root);
  const typed = (input?.value ?? '').trim();
  if (!typed || !input) return typed;
  if (input.dataset.day !== undefined) return isoDayOf(typed);
  if (input.dataset.moment !== undefined) return localIsoOf(typed);
  return typed;
}
export const checked = (root: ParentNode, name: string) =>
  $<HTMLInputElement>(`[name="${name}"]`, root)?.checked ?? false;
/** The hash's query (#/page?x=1). */
export const hashParams = () => new URLSearchParams(location.hash.split('?')[1] ?? '');

/** Whether a unit met its targets, as a badge: a level without targets says so, never "met". */
export const targetsBadge = (met: boolean | null) =>
  met === null
    ? '<span class="badge">Không có chỉ tiêu áp dụng</span>'
    : met
      ? '<span class="badge met">Đạt tất cả chỉ tiêu</span>'
      : '<span class="badge notmet">Chưa đạt tất cả chỉ tiêu</span>';

/**
 * A file input in Vietnamese: the browser's own button and "No file chosen" are drawn in the browser's language,
 * so the input is kept (labelled, focusable, what tests and screen readers use) but drawn as a button "Chọn tệp…"
 * with the chosen file's name beside it.
 */
export const filePicker = (id: string, attributes: string) =>
  `<span class="file-picker"><input id="${id}" type="file" class="file-input" ${attributes}><button type="button" class="secondary" data-picks="${id}" tabindex="-1" aria-hidden="true">Chọn tệp…</button><span class="file-chosen muted" data-chosen="${id}">Chưa chọn tệp</span></span>`;

/** Every file picker of every page: the button opens its input, the name follows the choice. */
export function listenForFilePickers() {
  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-picks]') : null;
    if (button) document.getElementById(button.dataset.picks ?? '')?.click();
  });
  document.addEventListener('change', (e) => {
    const input = e.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'file') return;
    const chosen = document.querySelector(`[data-chosen="${input.id}"]`);
    if (chosen) chosen.textContent = input.files?.[0]?.name ?? 'Chưa chọn tệp';
  });
}
