/** How every function is bundled for Lambda: the CDK app and `npm run bench:init` use the same options. */
import type { FunctionName } from '../functions/routes.js';
import { DOSSIER_FONTS } from '../shared/domain/dossier.js';

export const LAMBDA_BUNDLING = {
  format: 'esm',
  minify: true,
  sourceMap: true,
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

export const ON_DEMAND: Partial<
  Record<
    FunctionName | 'authorizer' | 'scan-results',
    Array<{ specifier: string; entry: string /** Files it reads, copied into the asset's fonts/. */; fonts?: string[] }>
  >
> = {
  files: [S3],
  aggregation: [S3],
  'scan-results': [S3],
  reminders: [{ specifier: './ses-sdk.js', entry: 'adapters/ses-sdk.ts' }],
  results: [
    { specifier: './xlsx.js', entry: 'functions/results/xlsx.ts' },
    {
      specifier: './dossier.js',
      entry: 'functions/results/dossier.ts',
      fonts: DOSSIER_FONTS.map((f) => `node_modules/dejavu-fonts-ttf/ttf/${f}`),
    },
  ],
  catalogue: [
    { specifier: './xlsx-read.js', entry: 'functions/catalogue/xlsx-read.ts' },
    { specifier: './scheduler-sdk.js', entry: 'adapters/scheduler-sdk.ts' },
    { specifier: './cognito-sdk.js', entry: 'adapters/cognito-sdk.ts' },
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
