/**
 * The console's security headers, the same locally (local/server.ts) and on CloudFront (infra/stack.ts): it loads
 * its own script, styles and icon and calls the API on its own origin, plus, when deployed, Cognito's token endpoint
 * and the evidence bucket; a previewed evidence file is shown from a blob: URL of bytes it fetched.
 */
export const consoleContentSecurityPolicy = (connect: readonly string[] = []) =>
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; frame-src blob:; " +
  `connect-src ${["'self'", ...connect].join(' ')}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
