/** The console's files (and the /docs page's script), served as CloudFront serves them in AWS, with the same headers. */
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { consoleContentSecurityPolicy } from '../functions/console-policy.js';

const CONSOLE_DIR = resolve(import.meta.dirname, '..', 'console');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const CONSOLE_HEADERS = {
  'content-security-policy': consoleContentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Sends the file at `pathname`, if the console has it: false when it has not (the caller answers 404). */
export function serveConsoleFile(pathname: string, res: ServerResponse): boolean {
  const file = normalize(join(CONSOLE_DIR, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(CONSOLE_DIR)) return false;
  if (!existsSync(file) || !TYPES[extname(file)]) return false;
  res.writeHead(200, { 'content-type': TYPES[extname(file)]!, 'cache-control': 'no-cache', ...CONSOLE_HEADERS });
  res.end(readFileSync(file));
  return true;
}
