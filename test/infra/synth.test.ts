/** One synthesis with everything on, as `npm run synth` does: esbuild bundling and the CloudFormation rule engine. */
import { App } from 'aws-cdk-lib';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/routes.js';
import { buildApp } from '../../infra/app.js';

it('bundles every function with esbuild and synthesizes a valid template', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'thi-dua-synth-'));
  try {
    const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const stack = buildApp(app);
    const assembly = app.synth();
    const template = JSON.parse(readFileSync(join(assembly.directory, `${stack.artifactId}.template.json`), 'utf8'));
    const functions = Object.values(template.Resources as Record<string, { Type: string; Properties: { FunctionName?: string; Code: { S3Key: string } } }>)
      .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName?.startsWith('thi-dua-prod-'));
    expect(functions).toHaveLength(FUNCTIONS.length);
    for (const f of functions) {
      const asset = join(assembly.directory, `asset.${f.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
      expect(existsSync(join(asset, 'index.mjs')), asset).toBe(true);
      expect(existsSync(join(asset, 'index.mjs.map'))).toBe(true);
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}, 120_000);
