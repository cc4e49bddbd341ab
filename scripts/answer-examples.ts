/**
 * Picks the OpenAPI document's answer examples from real answers: the integration suite run with
 * RECORD_ANSWERS=<file> writes every JSON answer of success; this keeps one per route and status (the Hải Phòng
 * campaign's where there is one, else the smallest), lists cut to two items and long texts shortened, in
 * functions/answer-examples.json. A unit test holds each example against its schema, so one cannot drift.
 *
 *   RECORD_ANSWERS=/tmp/answers.ndjson npx vitest run --project integration
 *   npx tsx scripts/answer-examples.ts /tmp/answers.ndjson
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LONG = 240;

function trimmed(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, 2).map(trimmed);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimmed(v)]));
  // The test server's random port: the local server's own address instead.
  if (typeof value === 'string') value = value.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://localhost:3000');
  if (typeof value === 'string' && value.length > LONG) return `${value.slice(0, LONG)}…`;
  return value;
}

const file = process.argv[2];
if (!file) throw new Error('usage: tsx scripts/answer-examples.ts <answers.ndjson>');
const best = new Map<string, { text: string; preferred: boolean }>();
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line) continue;
  const { key, status, body } = JSON.parse(line) as { key: string; status: number; body: unknown };
  // The contract itself is its own example.
  if (key === 'GET /openapi.json') continue;
  const text = JSON.stringify(trimmed(body));
  const preferred = text.includes('"hp-175"');
  const at = `${key} ${status}`;
  const held = best.get(at);
  if (!held || (preferred && !held.preferred) || (preferred === held.preferred && text.length < held.text.length))
    best.set(at, { text, preferred });
}
const examples = Object.fromEntries(
  [...best].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, JSON.parse(v.text)]),
);
writeFileSync(
  join(import.meta.dirname, '..', 'functions', 'answer-examples.json'),
  `${JSON.stringify(examples, null, 1)}\n`,
);
console.log(`${best.size} examples`);
