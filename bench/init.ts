/**
 * `npm run bench:init`: the cold-start cost of each function's module, measured as Lambda pays it. Bundles
 * every function with the CDK app's esbuild options, plus a bare bundle that only creates a DynamoDB
 * document client, then times `import()` of each in fresh Node processes, interleaved, and prints the
 * median and its ratio to the bare bundle. The bare bundle is measured twice: how far the two copies differ is how
 * far this sitting's machine moves a median, the band every other ratio is read in. Options: --runs 31
 */
import { execSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FUNCTIONS } from '../functions/routes.js';
import { bundleFunction, ON_DEMAND, onDemandBuild } from '../infra/bundling.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '31' } } });
const runs = Number(values.runs);
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'thi-dua-bench-init-'));

const bareEntry = join(dir, 'bare.ts');
writeFileSync(
  bareEntry,
  `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => ({ statusCode: 200 });`,
);
/** The bare bundle again, last in every round: identical bytes, so its ratio is the machine's noise. */
const CONTROL = 'bare client, again';
const entries: Array<[string, string, string[]]> = [
  ['bare DynamoDB client', bareEntry, []],
  ...FUNCTIONS.map((fn): [string, string, string[]] => [
    fn,
    join(root, 'functions', fn, 'index.ts'),
    (ON_DEMAND[fn] ?? []).map((m) => m.specifier),
  ]),
  [CONTROL, bareEntry, []],
];

const bundles = await Promise.all(
  entries.map(async ([name, entry, external]) => {
    const outdir = join(dir, name.replace(/\W+/g, '-'));
    const outfile = join(outdir, 'index.mjs');
    await bundleFunction(root, entry, outfile, external);
    const onDemand = (ON_DEMAND[name as keyof typeof ON_DEMAND] ?? []).map((m) => {
      execSync(onDemandBuild(join(root, 'node_modules', '.bin', 'esbuild'), root, outdir, m));
      return `${m.specifier} ${(statSync(join(outdir, m.specifier)).size / 1024).toFixed(0)} KB on demand`;
    });
    return { name, outfile, bytes: statSync(outfile).size, onDemand, times: [] as number[] };
  }),
);

/** One cold import in a fresh process: the time from before import() to its module graph evaluated. */
const PROBE = `const t = process.hrtime.bigint(); await import(process.argv[1]); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
// The settings the stack gives each function (fake ones: nothing is called, only modules are loaded).
const env = {
  ...process.env,
  TABLE_NAME: 'bench',
  AWS_REGION: 'ap-southeast-1',
  NODE_NO_WARNINGS: '1',
  BLOB_BUCKET: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  USER_POOL_ID: 'ap-southeast-1_bench',
  BOARD_KEY_ID: 'alias/bench-board-signing',
  BOARD_CERTIFICATE_PARAMETER: '/thi-dua/bench/board-certificate',
  SCHEDULE_GROUP: 'bench',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/bench',
  YEAR_END_FUNCTION_ARN: 'arn:aws:lambda:ap-southeast-1:111122223333:function:bench',
  REMINDERS_FUNCTION_ARN: 'arn:aws:lambda:ap-southeast-1:111122223333:function:bench',
  SCHEDULES_DLQ_ARN: 'arn:aws:sqs:ap-southeast-1:111122223333:bench',
};
for (let i = 0; i < runs; i++) {
  for (const b of bundles) {
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE, pathToFileURL(b.outfile).href], {
      env,
      encoding: 'utf8',
    });
    if (out.status !== 0) throw new Error(`${b.name}: ${out.stderr}`);
    b.times.push(Number(out.stdout));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bare = median(bundles[0]!.times);
console.log(`Module init (import of the bundle), median of ${runs} cold processes, Node ${process.version}`);
console.log(`${'bundle'.padEnd(22)}${'size'.padStart(10)}${'init'.padStart(10)}${'× bare'.padStart(9)}`);
for (const b of bundles) {
  const m = median(b.times);
  console.log(
    `${b.name.padEnd(22)}${`${(b.bytes / 1024).toFixed(0)} KB`.padStart(10)}${`${m.toFixed(1)} ms`.padStart(10)}${(m / bare).toFixed(2).padStart(9)}  ${b.onDemand.join(', ')}`,
  );
}
const functions = bundles.filter((b) => b.name !== CONTROL).slice(1);
const worst = Math.max(...functions.map((b) => median(b.times) / bare));
const noise = Math.abs(median(bundles.at(-1)!.times) / bare - 1);
console.log(
  `worst function: ${worst.toFixed(2)} × the bare client (goal ≤ 1.20); the same bare bundle twice differs by ` +
    `${noise.toFixed(2)} this sitting`,
);
rmSync(dir, { recursive: true, force: true });
