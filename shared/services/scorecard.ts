/**
 * The verifiable scorecard (bảng điểm kiểm chứng được): a ZIP of everything a year-end run counted — the criteria
 * as used, each unit's figures with their review decision and the SHA-256 of their evidence files, the scores,
 * ranks and award proposals — from which anyone recomputes the result with the platform's own functions.
 */
import { createHash } from 'node:crypto';
import type { AwardDecision, AwardDecisions, AwardName, TieDecision } from '../domain/awards.js';
import type { LineageRule } from '../domain/lineage.js';
import type { RankingEntry, ResultStyle } from '../domain/ranking.js';
import type { LevelSummary } from '../domain/report.js';
import { resultProblems } from '../domain/result-invariants.js';
import type { UnitScore } from '../domain/scoring.js';
import type { PdfSignature } from '../domain/signatures.js';
import { encodeSubmissionId } from '../domain/submission-id.js';
import type { CampaignYear, Task, Unit } from '../domain/types.js';
import { type CarryOver, computeRankings, presentScore, rankingDigest, type UnitPage } from '../domain/year-results.js';
import { zipParts } from '../domain/zip-directory.js';
import type { CountedFigure } from '../ports/index.js';

export const BUNDLE_FORMAT = 'thi-dua-scorecard/1';

export interface BundleRun {
  campaignId: string;
  campaignName: string;
  year: number;
  runId: string;
  finishedAt: string;
}

/** What a run counted, as the bundle carries it. */
export interface ScorecardInputs {
  run: BundleRun;
  cy: CampaignYear;
  tasks: Task[];
  style: ResultStyle;
  rule: LineageRule;
  /** The year's units (as placed in that year's clusters), and the units that ceased during it. */
  units: Unit[];
  ceased: Unit[];
  shares: CarryOver['shares'];
  figures: CountedFigure[];
  /** What the ranking did not decide: the clusters' votes, and the admin's recorded decisions on ties. */
  decisions?: CarryOver['decisions'];
  tieDecisions?: TieDecision[];
  /**
   * The digital signatures of the cited evidence files, by the files' SHA-256 (a file not listed has none): still being
   * read while the bundle's unit files are made.
   */
  evidenceSignatures: Promise<Record<string, PdfSignature[]>>;
}

/** The bundle before it is zipped: its files, its manifest's bytes (which the board signs), and the time it carries. */
export interface BuiltBundle {
  files: Record<string, Uint8Array>;
  manifest: Uint8Array;
  at: Date;
}
/** The detached CMS signature of manifest.json, beside it in the ZIP. */
export const MANIFEST_SIGNATURE = 'manifest.p7s';

/** One unit's page of the bundle: the unit, its figures, and what they earned (null for a unit not ranked). */
export interface UnitScorecard {
  unit: Unit;
  ceased: boolean;
  shares: Array<{ unitId: string; shareMicro: number }>;
  figures: Array<CountedFigure & { submissionId: string }>;
  score: ReturnType<typeof presentScore> | null;
  ranking: RankingEntry | null;
}

interface Manifest {
  format: typeof BUNDLE_FORMAT;
  run: BundleRun;
  digest: string;
  counts: { units: number; figures: number };
  files: Array<{ name: string; sha256: string; bytes: number }>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const jsonBytes = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value)}\n`);
const jsonOf = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));
const unitFile = (unitId: string) => `units/${unitId}.json`;

/** Decisions as the bundle carries them (JSON): by award group, then award. */
type DecisionsJson = Record<string, Partial<Record<AwardName, AwardDecision>>>;
const decisionsFromJson = (json: DecisionsJson | undefined): AwardDecisions => new Map(Object.entries(json ?? {}));

/** Units whose pages are made between two looks at the event loop: the store's answers are read in between. */
const UNITS_PER_SLICE = 250;
const breather = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The ZIP of a run (manifest.json, criteria.json, results.json and units/{unitId}.json; same inputs, same bytes), and
 * each ranked unit's public page (the same figures, without who decided them). The units' files, the bulk of it, are
 * made while the evidence's signatures are still being read, slice by slice so the reads go on; only the public pages
 * and evidence-signatures.json wait for them.
 */
export async function buildScorecardBundle(
  inputs: ScorecardInputs,
  out: {
    scores: UnitScore[];
    rankings: RankingEntry[];
    summary: LevelSummary[];
    digest: string;
    ceased: Map<string, UnitScore>;
  },
): Promise<BuiltBundle & { pages: UnitPage[] }> {
  const byUnit = new Map<string, UnitScorecard['figures']>();
  for (const f of inputs.figures) {
    const figure = {
      submissionId: encodeSubmissionId({ campaignId: inputs.run.campaignId, year: inputs.run.year, ...f }),
      ...f,
    };
    const list = byUnit.get(f.unitId);
    if (list) list.push(figure);
    else byUnit.set(f.unitId, [figure]);
  }
  // Each unit's figures by slot (a unit's few, not the year's 150,000 at once).
  for (const list of byUnit.values()) list.sort((a, b) => (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0));
  const scores = new Map(out.scores.map((s) => [s.unitId, presentScore(s)]));
  const ranks = new Map(out.rankings.map((r) => [r.unitId, r]));
  const entries = [
    ...inputs.units.map((unit) => ({ unit, ceased: false })),
    ...inputs.ceased.map((unit) => ({ unit, ceased: true })),
  ].sort((a, b) => (a.unit.unitId < b.unit.unitId ? -1 : 1));
  const unitPages: UnitScorecard[] = [];
  const unitFiles: Record<string, Uint8Array> = {};
  for (const [i, { unit, ceased }] of entries.entries()) {
    if (i > 0 && i % UNITS_PER_SLICE === 0) await breather();
    const page: UnitScorecard = {
      unit,
      ceased,
      shares: inputs.shares.get(unit.unitId) ?? [],
      figures: byUnit.get(unit.unitId) ?? [],
      score: ceased ? null : (scores.get(unit.unitId) ?? null),
      ranking: ceased ? null : (ranks.get(unit.unitId) ?? null),
    };
    unitFiles[unitFile(unit.unitId)] = jsonBytes(page);
    unitPages.push(page);
  }
  const signatures = await inputs.evidenceSignatures;
  const files: Record<string, Uint8Array> = {
    'criteria.json': jsonBytes({
      campaignId: inputs.run.campaignId,
      style: inputs.style,
      lineageRule: inputs.rule,
      campaignYear: inputs.cy,
      tasks: inputs.tasks,
      ...(inputs.decisions?.size ? { decisions: Object.fromEntries(inputs.decisions) } : {}),
      ...(inputs.tieDecisions?.length ? { tieDecisions: inputs.tieDecisions } : {}),
    }),
    'results.json': jsonBytes({ rankings: out.rankings, summary: out.summary, digest: out.digest }),
    'evidence-signatures.json': jsonBytes(signatures),
    ...unitFiles,
  };
  const names = new Map(entries.map(({ unit }) => [unit.unitId, unit.name]));
  const pages: UnitPage[] = [];
  for (const page of unitPages) {
    if (!page.ranking || !page.score) continue;
    const carriedFrom = new Set(page.ranking.carriedFrom ?? []);
    const cited = new Set(page.figures.flatMap((f) => f.fileHashes));
    pages.push({
      unit: { unitId: page.unit.unitId, name: page.unit.name, level: page.unit.level, cluster: page.unit.cluster },
      ranking: page.ranking,
      score: page.score,
      figures: page.figures.map(({ decidedBy: _who, unitId: _u, ...f }) => f),
      predecessors: page.shares
        .filter((s) => carriedFrom.has(s.unitId))
        .map((s) => {
          const result = out.ceased.get(s.unitId)!;
          return {
            unitId: s.unitId,
            name: names.get(s.unitId) ?? s.unitId,
            totalPoints: result.totalPoints,
            maxPoints: result.maxPoints,
            shareMicro: s.shareMicro,
          };
        }),
      // By the page's own files (a lookup each): a year's signatures are many, a unit's files few.
      evidenceSignatures: Object.fromEntries(
        [...cited].sort().flatMap((sha) => (signatures[sha] ? [[sha, signatures[sha]] as const] : [])),
      ),
    });
  }
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    run: inputs.run,
    digest: out.digest,
    counts: { units: inputs.units.length, figures: inputs.figures.length },
    files: Object.entries(files).map(([name, bytes]) => ({ name, sha256: sha256(bytes), bytes: bytes.length })),
  };
  return { files, manifest: jsonBytes(manifest), at: new Date(inputs.run.finishedAt), pages };
}

/** The files of a built bundle's ZIP, with the board's signature of its manifest where there is one. */
export function bundleFiles(built: BuiltBundle, manifestSignature: Uint8Array | null): Record<string, Uint8Array> {
  return {
    'manifest.json': built.manifest,
    ...(manifestSignature ? { [MANIFEST_SIGNATURE]: manifestSignature } : {}),
    ...built.files,
  };
}

export interface Verification {
  ok: boolean;
  problems: string[];
  run: BundleRun | null;
  digest: string | null;
  counts: { units: number; figures: number; criteria: number };
  /** The SHA-256 of every evidence file the counted figures cite. */
  citedFiles: Set<string>;
}

const points = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(2));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Recomputes every score and the ranking from the bundle alone, with the platform's own scoring, and says where
 * the bundle disagrees: a file whose SHA-256 is not the manifest's, a unit's criterion whose points differ (naming
 * the figures behind it), a rank or award, the ranking's digest.
 */
export function verifyScorecardBundle(zip: Uint8Array): Verification {
  const problems: string[] = [];
  const empty: Verification = {
    ok: false,
    problems,
    run: null,
    digest: null,
    counts: { units: 0, figures: 0, criteria: 0 },
    citedFiles: new Set(),
  };
  const files = zipParts(zip);
  if (!files) {
    problems.push('Tệp không phải gói ZIP đọc được');
    return empty;
  }
  const read = <T>(name: string): T | null => {
    const bytes = files[name];
    if (!bytes) {
      problems.push(`${name}: thiếu trong gói`);
      return null;
    }
    try {
      return jsonOf(bytes) as T;
    } catch {
      problems.push(`${name}: không phải JSON hợp lệ`);
      return null;
    }
  };
  const manifest = read<Manifest>('manifest.json');
  if (!manifest) return empty;
  if (manifest.format !== BUNDLE_FORMAT) problems.push(`manifest.json: định dạng ${manifest.format} không được hỗ trợ`);
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const f of manifest.files) {
    const bytes = files[f.name];
    if (!bytes) problems.push(`${f.name}: có trong manifest nhưng thiếu trong gói`);
    else if (sha256(bytes) !== f.sha256) problems.push(`${f.name}: SHA-256 khác với manifest (nội dung đã bị sửa)`);
  }
  for (const name of Object.keys(files))
    if (name !== 'manifest.json' && name !== MANIFEST_SIGNATURE && !listed.has(name))
      problems.push(`${name}: có trong gói nhưng không có trong manifest`);

  const criteria = read<{
    style: ResultStyle;
    lineageRule: LineageRule;
    campaignYear: CampaignYear;
    tasks: Task[];
    decisions?: DecisionsJson;
  }>('criteria.json');
  const results = read<{ rankings: RankingEntry[]; digest: string }>('results.json');
  const pages = Object.keys(files)
    .filter((n) => n.startsWith('units/'))
    .map((n) => [n, read<UnitScorecard>(n)] as const)
    .filter((p): p is readonly [string, UnitScorecard] => p[1] !== null);
  if (!criteria || !results) return { ...empty, run: manifest.run };

  const units = pages.filter(([, p]) => !p.ceased).map(([, p]) => p.unit);
  const ceased = pages.filter(([, p]) => p.ceased).map(([, p]) => p.unit);
  const figures = pages.flatMap(([, p]) => p.figures);
  const shares = new Map(pages.filter(([, p]) => p.shares.length).map(([, p]) => [p.unit.unitId, p.shares]));
  const recomputed = computeRankings(units, criteria.campaignYear, criteria.tasks, figures, {
    style: criteria.style,
    ceased,
    rule: criteria.lineageRule,
    shares,
    decisions: decisionsFromJson(criteria.decisions),
  });
  const scores = new Map(recomputed.scores.map((s) => [s.unitId, presentScore(s)]));
  const ranks = new Map(recomputed.rankings.map((r) => [r.unitId, r]));

  for (const [name, page] of pages) {
    if (page.ceased) continue;
    const unitId = page.unit.unitId;
    const again = scores.get(unitId);
    const stated = new Map((page.score?.criteria ?? []).map((c) => [c.criterionId, c]));
    for (const c of again?.criteria ?? []) {
      const s = stated.get(c.criterionId);
      if (s && same(s, c)) continue;
      const behind = page.figures
        .filter((f) => f.criterionId === c.criterionId)
        .map((f) => `số liệu ${f.submissionId} ${JSON.stringify(f.value)}`);
      problems.push(
        `${name} — ${unitId}, tiêu chí ${c.criterionId}: gói ghi ${points(s?.points)} điểm, tính lại từ số liệu được ${points(c.points)}` +
          (behind.length ? ` (${behind.join('; ')})` : ''),
      );
    }
    if (again && page.score && again.totalPoints !== page.score.totalPoints)
      problems.push(
        `${name} — ${unitId}: tổng điểm trong gói ${points(page.score.totalPoints)}, tính lại ${points(again.totalPoints)}`,
      );
  }
  const stated = new Map(results.rankings.map((r) => [r.unitId, r]));
  for (const r of recomputed.rankings) {
    const s = stated.get(r.unitId);
    if (!s) problems.push(`results.json: thiếu ${r.unitId} trong bảng xếp hạng`);
    else if (!same(s, r))
      for (const k of Object.keys(r) as Array<keyof RankingEntry>)
        if (!same(s[k], r[k]))
          problems.push(
            `results.json — ${r.unitId}: ${k} trong gói ${JSON.stringify(s[k])}, tính lại ${JSON.stringify(r[k])}`,
          );
  }
  for (const s of results.rankings)
    if (!ranks.has(s.unitId)) problems.push(`results.json: ${s.unitId} không có trong kết quả tính lại`);
  // The rules themselves, on the results as stated: no award without merit, no tie split by the listing, true ranks.
  const ratioSums = new Map(recomputed.scores.map((s) => [s.unitId, s.ratioSumMicro]));
  for (const p of resultProblems(
    results.rankings,
    criteria.campaignYear.awards,
    criteria.style,
    decisionsFromJson(criteria.decisions),
    (unitId) => ratioSums.get(unitId) ?? 0,
  ))
    problems.push(`results.json — quy tắc khen thưởng: ${p}`);
  const digest = rankingDigest(recomputed.rankings);
  if (digest !== results.digest || digest !== manifest.digest)
    problems.push(`Mã băm xếp hạng tính lại ${digest} khác với mã của lượt chạy ${manifest.digest}`);
  return {
    ok: problems.length === 0,
    problems,
    run: manifest.run,
    digest,
    counts: { units: units.length, figures: figures.length, criteria: criteria.campaignYear.criteria.length },
    citedFiles: new Set(figures.flatMap((f) => f.fileHashes)),
  };
}

/**
 * What a bundle says of signatures: its manifest's bytes and the board's signature of them (null when unsigned), and
 * the evidence files' signatures as checked when the run counted them. The CMS is checked by its reader (scripts/verify).
 */
export function bundleSignatures(zip: Uint8Array) {
  const wanted = new Set(['manifest.json', MANIFEST_SIGNATURE, 'evidence-signatures.json']);
  const files = zipParts(zip, (name) => wanted.has(name)) ?? {};
  const evidence = files['evidence-signatures.json'];
  return {
    manifest: files['manifest.json'] ?? null,
    signature: files[MANIFEST_SIGNATURE] ?? null,
    evidence: (evidence ? jsonOf(evidence) : {}) as Record<string, PdfSignature[]>,
  };
}
