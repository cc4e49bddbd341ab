/** Figures as people read and type them: values by kind, targets met, evidence (documents, links and files). */

import type { FigureValue } from '../../shared/domain/kinds/index.js';
import { LABELS } from '../../shared/domain/labels.js';
import type { Evidence, FigureSource, Unit } from '../../shared/domain/types.js';
import { api, signedIn } from './api.js';
import {
  $,
  $$,
  dayInput,
  dmy,
  fieldValue,
  filePicker,
  html,
  must,
  num,
  pct,
  raw,
  type SafeHtml,
  sizeText,
} from './dom.js';
import type { Announced, EvidenceFileView } from './types.js';

/** Beside a figure: whether it was typed or imported from a file (a unit's TTHC export), and which row. */
export const sourceNote = (s: { source?: FigureSource | undefined }): SafeHtml | string =>
  s.source?.kind === 'import'
    ? raw(
        html` <small class="source" title="Tệp ${s.source.fileSha256}">(nguồn: nhập từ tệp, dòng ${s.source.row})</small>`,
      )
    : '';

export function valueText(v: FigureValue | null | undefined): string {
  if (!v) return '—';
  switch (v.kind) {
    case 'ratio':
      return `${num(v.numerator)}/${num(v.denominator)} (${pct(v.numerator / v.denominator)})`;
    case 'boolean':
      return v.achieved ? 'Đạt' : 'Không đạt';
    case 'count':
      return num(v.count);
    case 'task':
      return `${v.taskId}: ${v.status === 'done' ? `hoàn thành ${dmy(v.completedOn)}` : 'chưa hoàn thành'}`;
    default:
      return v.summary;
  }
}

export const metBadge = (met: boolean | null | undefined) =>
  met === true
    ? html`<span class="badge met">Đạt chỉ tiêu</span>`
    : met === false
      ? html`<span class="badge notmet">Chưa đạt</span>`
      : '';

/** "Thành lập từ …" under a unit's name: what it was formed from, and since when. */
export function lineageLine(
  unit: Pick<Unit, 'validFrom'> & {
    predecessors: Array<{ unitId: string; name: string; relation: keyof typeof LABELS.relations }>;
  },
) {
  if (!unit.predecessors.length) return '';
  const from = unit.predecessors
    .map((p) => html`<a href="#/don-vi/${p.unitId}">${p.name}</a> (${LABELS.relations[p.relation] ?? p.relation})`)
    .join(', ');
  return html`<p class="lineage">Thành lập từ ${raw(from)} — từ ngày ${dmy(unit.validFrom)}</p>`;
}

// --- Evidence --------------------------------------------------------------------------------------
const FILE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';
/** The browser names some types only by extension (or not at all): the platform checks the content anyway. */
const TYPE_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Inputs of one evidence entry; `formId` keeps element ids unique when many forms share the page. */
export function evidenceFields(formId: string, index = 0) {
  const prefix = `evidence.${index}`;
  const id = `${formId}-ev${index}`;
  return html`<fieldset class="card evidence"><legend>Minh chứng ${index + 1}</legend>
    <label for="${id}-title">Tên văn bản, tài liệu</label><input id="${id}-title" data-field="${prefix}.title" name="title" required>
    <div class="row"><div><label for="${id}-no">Số văn bản</label><input id="${id}-no" data-field="${prefix}.documentNumber" name="documentNumber"></div>
    <div><label for="${id}-date">Ngày ban hành</label>${raw(dayInput(`${id}-date`, 'issuedOn', `${prefix}.issuedOn`))}</div></div>
    <label for="${id}-url">Đường dẫn (URL)</label><input id="${id}-url" type="url" data-field="${prefix}.url" name="url" placeholder="https://">
    <label for="${id}-file">Tệp minh chứng (PDF, ảnh PNG/JPEG, Word, Excel; tối đa 20 MB)</label>
    ${raw(filePicker(`${id}-file`, html`name="file" data-field="${prefix}.fileId" accept="${FILE_ACCEPT}"`))}
    <p class="file-status muted" aria-live="polite"></p>
  </fieldset>`;
}
export function readEvidence(form: HTMLElement): Evidence[] {
  return $$<HTMLFieldSetElement>('fieldset.evidence', form).map((set) => {
    const e: Evidence = { title: fieldValue(set, 'title') };
    const documentNumber = fieldValue(set, 'documentNumber');
    const issuedOn = fieldValue(set, 'issuedOn');
    const url = fieldValue(set, 'url');
    if (documentNumber) e.documentNumber = documentNumber;
    if (issuedOn) e.issuedOn = issuedOn;
    if (url) e.url = url;
    if (set.dataset.fileId) e.fileId = set.dataset.fileId;
    return e;
  });
}

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A file is hashed in the browser, sent straight to the signed link, then checked by the platform. */
async function uploadEvidenceFile(input: HTMLInputElement) {
  const set = input.closest('fieldset');
  if (!set) return;
  const status = must('.file-status', set);
  delete set.dataset.fileId;
  status.classList.remove('field-error');
  const file = input.files?.[0];
  if (!file) {
    status.textContent = '';
    return;
  }
  status.textContent = `Đang tải lên ${file.name}…`;
  try {
    const bytes = await file.arrayBuffer();
    const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
    const contentType = TYPE_BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? file.type;
    const announced = await api<Announced>('/v1/evidence-files', {
      method: 'POST',
      body: { unitId: signedIn().unitId, fileName: file.name, contentType, size: file.size, sha256 },
    });
    if (announced.upload) {
      // The browser sets Content-Length itself (a header a page may not set).
      const { 'content-length': _length, ...headers } = announced.upload.headers;
      const sent = await fetch(announced.upload.url, { method: announced.upload.method, headers, body: bytes });
      if (!sent.ok) throw new Error('Kho lưu trữ không nhận tệp (nội dung khác với tệp đã chọn); vui lòng chọn lại');
      await api(`/v1/evidence-files/${announced.file.fileId}/complete`, { method: 'POST' });
    }
    status.textContent = `Đã tải lên ${file.name}, đang quét mã độc…`;
    await scannedClean(announced.file.fileId);
    set.dataset.fileId = announced.file.fileId;
    const title = must<HTMLInputElement>('[name="title"]', set);
    if (!title.value.trim()) title.value = file.name.replace(/\.[^.]+$/, '');
    status.textContent = `Đã tải lên: ${file.name} (${sizeText(file.size)}; SHA-256 ${sha256.slice(0, 16)}…)`;
  } catch (err) {
    status.textContent = err instanceof Error ? err.message : String(err);
    status.classList.add('field-error');
  }
}

/**
 * Waits for the malware scan of a stored file: a report may cite it only once it is clean (GuardDuty takes seconds
 * to a minute in AWS; the local stand-in, a moment). Throws the file's scan label when it is quarantined.
 */
async function scannedClean(fileId: string) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const f = await api<EvidenceFileView>(`/v1/evidence-files/${fileId}`);
    if (f.scan === 'clean') return;
    if (f.scan !== 'pending') throw new Error(`${f.fileName}: ${f.scanLabel}. Hãy chọn tệp khác.`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(500 * (attempt + 1), 3000)));
  }
  throw new Error('Tệp chưa quét mã độc xong; hãy chọn lại tệp sau ít phút');
}

/** Evidence as read on a report: documents, links, and files to open (previewed inline for PDF and images). */
export const evidenceList = (evidence: Evidence[]) =>
  html`<ul class="evidence-list">${raw(
    evidence
      .map(
        (e) =>
          html`<li>${e.url ? raw(html`<a href="${e.url}" target="_blank" rel="noopener">${e.title}</a>`) : e.title}${e.documentNumber ? ` — ${e.documentNumber}` : ''}${e.issuedOn ? ` (${dmy(e.issuedOn)})` : ''}${
            e.fileId
              ? raw(
                  html` <button type="button" class="secondary open-file" data-file="${e.fileId}" aria-expanded="false">Xem tệp</button><br><span class="muted hash">SHA-256 ${e.sha256}</span><div class="file-preview" hidden></div>`,
                )
              : ''
          }</li>`,
      )
      .join(''),
  )}</ul>`;

async function openEvidenceFile(button: HTMLButtonElement) {
  const preview = must('.file-preview', button.parentElement ?? document);
  if (!preview.hidden) {
    preview.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  preview.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  preview.textContent = 'Đang mở tệp…';
  try {
    const f = await api<EvidenceFileView>(`/v1/evidence-files/${button.dataset.file}`);
    const signed = (f.signatures ?? []).map((s) => s.intact && s.trusted && s.coversWholeFile);
    const facts =
      html`<p>${f.fileName} · ${f.typeLabel} · ${sizeText(f.size)} · ${f.statusLabel} · ${f.scanLabel}</p>` +
      (f.signatureLines ?? [])
        .map((line, i) => html`<p class="signature ${signed[i] === false ? 'bad' : signed[i] ? 'ok' : ''}">${line}</p>`)
        .join('');
    if (!f.download) {
      preview.innerHTML = facts;
      return;
    }
    const blob = await (await fetch(f.download.url)).blob();
    const url = URL.createObjectURL(new Blob([blob], { type: f.contentType }));
    const shown =
      f.contentType === 'application/pdf'
        ? html`<iframe src="${url}" title="${f.fileName}" class="pdf"></iframe>`
        : f.contentType.startsWith('image/')
          ? html`<img src="${url}" alt="${f.fileName}">`
          : '';
    preview.innerHTML = `${facts}${shown}${html`<p><a href="${url}" download="${f.fileName}">Tải về ${f.fileName}</a></p>`}`;
  } catch (err) {
    preview.innerHTML = html`<div class="alert" role="alert">${err instanceof Error ? err.message : String(err)}</div>`;
  }
}

/** Evidence inputs and buttons anywhere on a page work the same. */
export function listenForEvidence() {
  document.addEventListener('change', (e) => {
    const input = e.target;
    if (input instanceof HTMLInputElement && input.matches('fieldset.evidence input[type="file"]'))
      void uploadEvidenceFile(input);
  });
  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button.open-file') : null;
    if (button) void openEvidenceFile(button);
  });
}

// --- Values by kind ----------------------------------------------------------------------------------
/** The inputs of a value by kind; `prefix` is the API field ("value" or "correctedValue"). */
export function valueFields(kind: FigureValue['kind'], prefix: string, id: string, task?: string) {
  if (kind === 'ratio')
    return html`<div class="row"><div><label for="${id}-num">Tử số</label><input id="${id}-num" name="numerator" inputmode="numeric" data-field="${prefix}.numerator"></div>
      <div><label for="${id}-den">Mẫu số</label><input id="${id}-den" name="denominator" inputmode="numeric" data-field="${prefix}.denominator"></div></div>`;
  if (kind === 'boolean')
    return html`<label><input type="checkbox" name="achieved" data-field="${prefix}.achieved"> Đã đạt</label>`;
  if (kind === 'count')
    return html`<label for="${id}-count">Số lượng</label><input id="${id}-count" name="count" inputmode="numeric" data-field="${prefix}.count">`;
  if (kind === 'task')
    return html`<input type="hidden" name="taskId" value="${task}">
      <div class="row"><div><label for="${id}-st">Tình trạng</label><select id="${id}-st" name="status" data-field="${prefix}.status"><option value="done">Đã hoàn thành</option><option value="not_done">Chưa hoàn thành</option></select></div>
      <div><label for="${id}-done">Ngày hoàn thành</label>${raw(dayInput(`${id}-done`, 'completedOn', `${prefix}.completedOn`))}</div></div>`;
  return html`<label for="${id}-sum">Tóm tắt kết quả</label><textarea id="${id}-sum" name="summary" data-field="${prefix}.summary"></textarea>`;
}
/** A value as typed: a whole number where one is asked, else the text itself so the platform names what is wrong. */
export function readValue(kind: FigureValue['kind'], root: ParentNode): Record<string, unknown> {
  const int = (n: string) => {
    // Vietnamese writes thousands with dots or spaces (1.200, 1 200): taken as the whole number they are.
    const typed = fieldValue(root, n);
    const s = /^\d{1,3}([.\s]\d{3})+$/.test(typed) ? typed.replace(/[.\s]/g, '') : typed;
    return s === '' ? undefined : /^-?\d+$/.test(s) ? Number(s) : s;
  };
  if (kind === 'ratio') return { numerator: int('numerator'), denominator: int('denominator') };
  if (kind === 'boolean') return { achieved: $<HTMLInputElement>('[name="achieved"]', root)?.checked ?? false };
  if (kind === 'count') return { count: int('count') };
  if (kind === 'task')
    return {
      taskId: fieldValue(root, 'taskId'),
      status: fieldValue(root, 'status'),
      ...(fieldValue(root, 'status') === 'done' ? { completedOn: fieldValue(root, 'completedOn') || undefined } : {}),
    };
  return { summary: fieldValue(root, 'summary') };
}
