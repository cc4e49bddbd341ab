import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** Swagger UI's files, which the /docs page loads from /docs/ (in AWS copied there into the console bucket). */
export const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/**
 * The console's security headers, the same locally (local/server.ts) and on CloudFront (infra/stack.ts): it loads
 * its own script, styles and icon and calls the API on its own origin, plus, when deployed, Cognito's token endpoint
 * and the evidence bucket; a previewed evidence file is shown from a blob: URL of bytes it fetched.
 */
export const consoleContentSecurityPolicy = (connect: readonly string[] = []) =>
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; frame-src blob:; " +
  `connect-src ${["'self'", ...connect].join(' ')}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
