import type { Deps } from '../../shared/ports.js';
import { apiHandler, json } from '../http.js';

export const createHealthHandler = (deps: Deps) =>
  apiHandler(
    'health',
    { 'GET /health': async () => json(200, { status: 'ok', time: deps.clock.now().toISOString() }) },
    deps,
  );
