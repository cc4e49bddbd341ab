/**
 * How every function is bundled for Lambda: the CDK app, `npm run bench:init` and the size budget's test use the
 * same options.
 */
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import type { FunctionName } from '../functions/routes.js';
import { DOSSIER_FONTS } from '../shared/domain/dossier.js';

export const LAMBDA_BUNDLING = {
  format: 'esm',
  minify: true,
  // Maps without the sources' text: they serve the error logs' stacks (functions/stack-trace.ts), read at an error.
  sourceMap: true,
  sourcesContent: false,
  target: 'node22',
  // Bundled ESM needs a real `require` for the SDK's dynamic requires of node: modules.
  banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
} as const;

/**
 * Modules a function loads only when a request needs them, bundled apart into its asset beside index.mjs: the XLSX
 * and document libraries (larger than the rest of a function; only downloads and imports use them) and the AWS SDK
 * clients other than DynamoDB's (adapters/*-sdk.ts, loaded on first use), so a cold start loads what every request
 * needs and nothing more. `specifier` is how the code imports it (kept external in the main bundle), `entry` its
 * source.
 */
const S3 = { specifier: './s3-sdk.js', entry: 'adapters/s3-sdk.ts' };
/** What signs for the board (PKI.js, @signpdf) and the KMS and SSM clients it calls. */
const PADES_SIGN = { specifier: './pades-sign.js', entry: 'adapters/pades-sign.ts' };
const KMS = { specifier: './kms-sdk.js', entry: 'adapters/kms-sdk.ts' };
/** Lambda's own client: a function that starts jobs of its own (invokes itself). */
const LAMBDA = { specifier: './lambda-sdk.js', entry: 'adapters/lambda-sdk.ts' };

export const ON_DEMAND: Partial<
  Record<
    FunctionName | 'authorizer' | 'scan-results',
    Array<{ specifier: string; entry: string /** Files it reads, copied into the asset's fonts/. */; fonts?: string[] }>
  >
> = {
  // PKI.js and @signpdf read signatures in uploaded PDFs: loaded by the first PDF, not at every start.
  files: [S3, { specifier: './pades-read.js', entry: 'adapters/pades-read.ts' }],
  aggregation: [S3, LAMBDA, PADES_SIGN, KMS],
  'scan-results': [S3],
  // The OpenAPI document's schemas: built by the first GET /openapi.json, not at every start.
  health: [{ specifier: './openapi-document.js', entry: 'functions/health/openapi-document.ts' }],
  reminders: [{ specifier: './ses-sdk.js', entry: 'adapters/ses-sdk.ts' }],
  results: [
    { specifier: './xlsx.js', entry: 'functions/results/xlsx.ts' },
    {
      specifier: './dossier.js',
      entry: 'functions/results/dossier.ts',
      fonts: DOSSIER_FONTS.map((f) => `node_modules/dejavu-fonts-ttf/ttf/${f}`),
    },
    // A signed dossier: PKI.js and @signpdf, and the KMS and SSM clients, loaded by the first one asked for.
    PADES_SIGN,
    KMS,
  ],
  catalogue: [
    { specifier: './xlsx-read.js', entry: 'functions/catalogue/xlsx-read.ts' },
    { specifier: './scheduler-sdk.js', entry: 'adapters/scheduler-sdk.ts' },
    { specifier: './cognito-sdk.js', entry: 'adapters/cognito-sdk.ts' },
    S3,
    LAMBDA,
  ],
};

/** The esbuild command line that bundles one on-demand module into a function's asset (CommonJS: Node imports it by name). */
export const onDemandBuild = (
  esbuild: string,
  projectRoot: string,
  outputDir: string,
  m: { specifier: string; entry: string; fonts?: string[] },
) =>
  [
    `"${esbuild}"`,
    `"${projectRoot}/${m.entry}"`,
    '--bundle',
    '--platform=node',
    '--format=cjs',
    `--target=${LAMBDA_BUNDLING.target}`,
    '--minify',
    '--sourcemap',
    '--sources-content=false',
    '--log-level=warning',
    `--outfile="${outputDir}/${m.specifier.replace(/^\.\//, '')}"`,
    ...(m.fonts?.length
      ? [
          '&&',
          'mkdir',
          '-p',
          `"${outputDir}/fonts"`,
          '&&',
          'cp',
          ...m.fonts.map((f) => `"${projectRoot}/${f}"`),
          `"${outputDir}/fonts/"`,
        ]
      : []),
  ].join(' ');

/**
 * The most a function's main bundle (index.mjs, without its on-demand modules) may weigh: the bare DynamoDB client
 * is 333 KB, the functions 408-515 KB (12/2026). A change that pulls a heavy module into every cold start fails the
 * test with the module named (test/infra/bundles.test.ts).
 */
export const MAIN_BUNDLE_BUDGET = 540 * 1024;

/** Packages no main bundle may hold: loaded on demand by the functions that use them (ON_DEMAND). */
export const ON_DEMAND_ONLY = [
  '@aws-sdk/client-s3',
  '@aws-sdk/client-sesv2',
  '@aws-sdk/client-scheduler',
  '@aws-sdk/client-cognito-identity-provider',
  '@aws-sdk/client-lambda',
  'exceljs',
  'docx',
  'pdfkit',
];

/** Bundles one entry as Lambda gets it (its on-demand modules left out), with esbuild's account of what is inside. */
export async function bundleFunction(root: string, entry: string, outfile: string, external: string[]) {
  const out = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    banner: { js: LAMBDA_BUNDLING.banner },
    mainFields: ['module', 'main'],
    nodePaths: [join(root, 'node_modules')],
    external,
    metafile: true,
    logLevel: 'error',
  });
  return out.metafile;
}

/** A bundle's weight by package (or by project folder), heaviest first: what a budget's failure names. */
export function weightByModule(metafile: Metafile): Array<{ module: string; bytes: number }> {
  const weights = new Map<string, number>();
  for (const output of Object.values(metafile.outputs))
    for (const [file, input] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
      const module = pkg ?? file.split('/').slice(0, 2).join('/');
      weights.set(module, (weights.get(module) ?? 0) + input.bytesInOutput);
    }
  return [...weights].map(([module, bytes]) => ({ module, bytes })).sort((a, b) => b.bytes - a.bytes);
}
