/**
 * Curates the task annex of Decision 284/QĐ-UBND (../shared/seeds/004_*.txt) into
 * shared/data/hai-phong/tasks-284.json. The text extraction of the annex table is damaged
 * before section II.3 (rows merged and cut), so those rows are curated by hand in
 * tasks-284-head.json from the body of the programme; this script parses the regular part.
 * Run once when the source changes: `npx tsx scripts/curate-tasks-284.ts`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Level, Task } from '../shared/domain/types.js';
import { departmentAliases } from './department-aliases.js';

type TaskRow = Task;

const seeds = join(import.meta.dirname, '..', '..', 'shared', 'seeds');
const file = readdirSync(seeds).find((f) => f.startsWith('004_'));
if (!file) throw new Error('004 annex not found in ../shared/seeds');
const lines = readFileSync(join(seeds, file), 'utf8').split('\n');
// The regular table starts at the heading "Về phát triển kinh tế số" (II.3).
const start = lines.findIndex((l) => l.includes('\tVề phát triển kinh tế số'));
const ROMAN = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)$/;
const clean = (s: string) =>
  s
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

// A block is a row; a field starts at a line beginning with a tab, other lines continue it.
const blocks: string[][] = [];
let fields: string[] = [];
for (const raw of lines.slice(start)) {
  if (raw.trim() === '' && !raw.includes('\u00a0')) {
    if (fields.length) blocks.push(fields);
    fields = [];
    continue;
  }
  if (/^\s?\t/.test(raw)) fields.push(raw.replace(/^\s?\t/, ''));
  else if (fields.length) fields[fields.length - 1] += `\n${raw}`;
}
if (fields.length) blocks.push(fields);

const rows: TaskRow[] = [];
let section = 'II';
let sectionTitle = 'Công tác hoàn thiện thể chế, chính sách';
let group: string | null = '3';
let groupTitle: string | null = 'Về phát triển kinh tế số';
const used = new Set<string>();
const nextLetter: Record<string, string> = { d: 'đ', đ: 'e' };

for (const b of blocks) {
  const [itemRaw = '', contentRaw = '', lead = '', coord = '', frame = ''] = b;
  const item = clean(itemRaw);
  const content = clean(contentRaw.replace(/\n/g, ' '));
  const isHeading = clean(lead) === '' && clean(frame) === '';
  if (isHeading) {
    if (ROMAN.test(item)) {
      section = item;
      sectionTitle = content;
      group = null;
      groupTitle = null;
    } else if (/^\d+$/.test(item)) {
      group = item;
      groupTitle = content;
    } else if (content.startsWith('Về ')) {
      group = String(Number(group ?? 0) + 1);
      groupTitle = content;
    }
    continue;
  }
  if (!content) continue;
  // A row without an item number stands alone under its group (VIII.3).
  let itemId = item;
  let taskId = [section, /^\d+$/.test(itemId) ? null : group, itemId].filter(Boolean).join('.');
  while (used.has(taskId)) {
    itemId = nextLetter[itemId] ?? `${itemId}'`;
    taskId = [section, group, itemId].filter(Boolean).join('.');
  }
  used.add(taskId);
  const leadText = clean(lead.replace(/\n/g, ' '));
  rows.push({
    taskId,
    section,
    sectionTitle,
    group: /^\d+$/.test(item) ? null : group,
    groupTitle: /^\d+$/.test(item) ? null : groupTitle,
    content,
    leadAgencies: leadText,
    coordinatingAgencies: clean(coord.replace(/\n/g, '; ').replace(/;\s*;/g, ';')).replace(/^- /, ''),
    timeFrame: clean(frame) === '202' ? '2022' : clean(frame),
    leadUnitIds: departmentAliases
      .filter(([alias]) => leadText.toLowerCase().includes(alias.toLowerCase()))
      .map(([, id]) => id)
      .filter((id, i, all) => all.indexOf(id) === i),
    leadLevels: [
      ...(/các sở/i.test(leadText) ? ['department' as Level] : []),
      ...(/(UBND|Ủy ban nhân dân) các quận, huyện|địa phương/i.test(leadText) ? ['district' as Level] : []),
    ],
  });
}

const dataDir = join(import.meta.dirname, '..', 'shared', 'data', 'hai-phong');
const head = JSON.parse(readFileSync(join(dataDir, 'tasks-284-head.json'), 'utf8')) as TaskRow[];
const all = [...head, ...rows];
writeFileSync(join(dataDir, 'tasks-284.json'), `${JSON.stringify(all, null, 2)}\n`);
console.log(`${all.length} tasks (${head.length} curated by hand, ${rows.length} parsed)`);
