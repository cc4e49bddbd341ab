/** One synthesis with everything on, as `npm run synth` does: esbuild bundling and the CloudFormation rule engine. */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import { expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { STACK_FUNCTIONS } from '../../infra/stack.js';

it('bundles every function with esbuild and synthesizes a valid template', async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'thi-dua-synth-'));
  try {
    const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const stack = buildApp(app);
    const assembly = app.synth();
    const template = JSON.parse(readFileSync(join(assembly.directory, `${stack.artifactId}.template.json`), 'utf8'));
    const functions = Object.values(
      template.Resources as Record<
        string,
        { Type: string; Properties: { FunctionName?: string; Code: { S3Key: string } } }
      >,
    ).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName?.startsWith('thi-dua-prod-'));
    const assetOf = (f: (typeof functions)[number]) =>
      join(assembly.directory, `asset.${f.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    expect(functions).toHaveLength(STACK_FUNCTIONS.length);
    for (const f of functions) {
      expect(existsSync(join(assetOf(f), 'index.mjs')), assetOf(f)).toBe(true);
      expect(existsSync(join(assetOf(f), 'index.mjs.map'))).toBe(true);
    }
    // The bundle runs as Lambda would load it (ESM, the require banner, the SDK inside).
    process.env.TABLE_NAME ??= 'bundle-test';
    const health = functions.find((f) => f.Properties.FunctionName === 'thi-dua-prod-health')!;
    const { handler } = await import(pathToFileURL(join(assetOf(health), 'index.mjs')).href);
    const result = await handler(
      {
        version: '2.0',
        routeKey: 'GET /health',
        rawPath: '/health',
        headers: {},
        isBase64Encoded: false,
        requestContext: { http: { method: 'GET', path: '/health' } },
      },
      {},
    );
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).status).toBe('ok');
    // The XLSX writer ships beside the results bundle, outside index.mjs, and loads by name on demand.
    const results = assetOf(functions.find((f) => f.Properties.FunctionName === 'thi-dua-prod-results')!);
    expect(readFileSync(join(results, 'index.mjs'), 'utf8')).not.toContain('exceljs');
    const { toXlsx } = await import(pathToFileURL(join(results, 'xlsx.js')).href);
    const xlsx: Buffer = await toXlsx(
      { heading: ['Tiêu đề'], tables: [{ title: 'Bảng', headers: ['A'], formats: ['count'], rows: [[1]] }] },
      ['Trang 1'],
    );
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    // The templates (the platform's and the edge's in us-east-1) as a cloud engineer's linter reads them (cfn-lint,
    // preinstalled on these machines): no error.
    const templates = readdirSync(assembly.directory).filter((f) => f.endsWith('.template.json'));
    expect(templates.sort()).toEqual([`${stack.artifactId}.template.json`, 'ThiDuaEdge-prod.template.json']);
    const lint = spawnSync(
      'cfn-lint',
      ['--format', 'parseable', ...templates.map((t) => join(assembly.directory, t))],
      {
        encoding: 'utf8',
      },
    );
    if (lint.error)
      throw new Error(`cfn-lint is missing (${lint.error.message}): install it with pip install cfn-lint`);
    const errors = lint.stdout.split('\n').filter((l) => /:E\d{4}:/.test(l));
    expect(errors).toEqual([]);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}, 300_000);
