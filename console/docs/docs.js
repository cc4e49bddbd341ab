// The API's reading page (/docs): the contract the API serves itself (/openapi.json), drawn in Vietnamese — each
// operation with who may call it, its parameters, the body it takes and an example of what it answers.
const PLACES = { path: 'đường dẫn', query: 'tham số truy vấn', header: 'tiêu đề' };
const TYPES = {
  string: 'chuỗi',
  integer: 'số nguyên',
  number: 'số',
  boolean: 'đúng/sai',
  array: 'danh sách',
  object: 'đối tượng',
  null: 'rỗng (null)',
};

const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** A schema's type as people read it: "chuỗi", "danh sách đối tượng", "số nguyên hoặc rỗng (null)", one of the values. */
function typeText(schema) {
  if (!schema || typeof schema !== 'object') return 'bất kỳ';
  if (schema.enum) return `một trong: ${schema.enum.map((v) => `<code>${esc(v)}</code>`).join(', ')}`;
  if (schema.const !== undefined) return `<code>${esc(schema.const)}</code>`;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(typeText).join(' hoặc ');
  const types = [].concat(schema.type ?? []);
  if (!types.length) return 'bất kỳ';
  return types
    .map((t) => (t === 'array' ? `danh sách ${schema.items ? typeText(schema.items) : ''}`.trim() : (TYPES[t] ?? t)))
    .join(' hoặc ');
}

/** The top-level fields of a body or an answer: name, type, whether it is always there. */
function fieldsTable(schema, caption) {
  const props = schema?.properties;
  if (!props) return '';
  const required = new Set(schema.required ?? []);
  const rows = Object.entries(props)
    .map(
      ([name, s]) =>
        `<tr><td><code>${esc(name)}</code></td><td>${typeText(s)}</td><td>${required.has(name) ? 'có' : 'không'}</td></tr>`,
    )
    .join('');
  return `<table><caption>${caption}</caption><thead><tr><th scope="col">Trường</th><th scope="col">Kiểu</th><th scope="col">Luôn có</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const example = (value, label) =>
  value === undefined
    ? ''
    : `<details><summary>${label}</summary><pre>${esc(JSON.stringify(value, null, 2))}</pre></details>`;

function operationHtml(path, method, op) {
  const params = op.parameters ?? [];
  const paramRows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${PLACES[p.in] ?? esc(p.in)}</td><td>${p.required ? 'có' : 'không'}</td><td>${typeText(p.schema)}${p.description ? ` — ${esc(p.description)}` : ''}</td></tr>`,
    )
    .join('');
  const body = op.requestBody?.content ?? {};
  const json = body['application/json'];
  const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
  const errors = Object.entries(op.responses).filter(([status]) => !status.startsWith('2'));
  return `<section class="op" id="${esc(op.operationId)}">
<h3><span class="method">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p><p class="muted">${esc(op.description ?? '')}</p>
${paramRows ? `<table><caption>Tham số</caption><thead><tr><th scope="col">Tên</th><th scope="col">Ở</th><th scope="col">Bắt buộc</th><th scope="col">Kiểu</th></tr></thead><tbody>${paramRows}</tbody></table>` : ''}
${json ? fieldsTable(json.schema, 'Nội dung gửi (JSON)') + example(json.example, 'Ví dụ nội dung gửi') : ''}
${Object.keys(body)
  .filter((t) => t !== 'application/json')
  .map((t) => `<p>Gửi tệp: <code>${esc(t)}</code></p>`)
  .join('')}
${successes
  .map(([status, r]) => {
    const content = r.content ?? {};
    const answer = content['application/json'];
    const others = Object.keys(content).filter((t) => t !== 'application/json');
    return `<h4>Trả lời ${esc(status)}</h4>${answer ? fieldsTable(answer.schema, 'Các trường của câu trả lời (JSON)') + example(answer.example, 'Ví dụ câu trả lời') : ''}${others.length ? `<p>Dạng: ${others.map((t) => `<code>${esc(t)}</code>`).join(', ')}</p>` : ''}${!answer && !others.length ? '<p>Không có nội dung.</p>' : ''}`;
  })
  .join('')}
<details><summary>Lỗi có thể gặp</summary><ul>${errors
    .map(([status, r]) => `<li><strong>${esc(status)}</strong>: ${esc(r.description.replace(/^Lỗi: /, ''))}</li>`)
    .join('')}</ul></details>
</section>`;
}

async function draw() {
  const root = document.getElementById('api');
  let doc;
  try {
    const res = await fetch('/openapi.json');
    if (!res.ok) throw new Error(String(res.status));
    doc = await res.json();
  } catch {
    root.innerHTML = '<p role="alert">Không tải được tài liệu API. Hãy thử tải lại trang.</p>';
    return;
  }
  const byTag = new Map();
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'Khác';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push([path, method, op]);
    }
  const tags = [...byTag.keys()];
  const scopes = doc.components.securitySchemes.unitSystem.flows.clientCredentials.scopes;
  root.innerHTML = `<header><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p>
<p>Tài liệu máy đọc: <a href="/openapi.json">openapi.json</a> (OpenAPI ${esc(doc.openapi)}; sinh mã khách, ví dụ bằng openapi-typescript).
Đăng nhập: người dùng gửi mã ID (<code>Authorization: Bearer …</code>); ứng dụng kết nối của đơn vị lấy mã truy cập theo
OAuth 2.0 client credentials tại <code>${esc(doc.components.securitySchemes.unitSystem.flows.clientCredentials.tokenUrl)}</code> với các quyền:</p>
<ul>${Object.entries(scopes)
    .map(([s, label]) => `<li><code>${esc(s)}</code>: ${esc(label)}</li>`)
    .join('')}</ul></header>
<nav aria-label="Mục lục"><h2>Mục lục</h2><ul>${tags
    .map((t, i) => `<li><a href="#nhom-${i}">${esc(t)}</a> (${byTag.get(t).length})</li>`)
    .join('')}</ul></nav>
<main>${tags
    .map(
      (t, i) =>
        `<section id="nhom-${i}"><h2>${esc(t)}</h2>${byTag
          .get(t)
          .map(([path, method, op]) => operationHtml(path, method, op))
          .join('')}</section>`,
    )
    .join('')}</main>`;
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

draw();
