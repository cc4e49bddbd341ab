/**
 * An AWS SDK client a function calls on some requests only (S3, SES, Scheduler, Cognito) is loaded on the first of
 * them, not at every cold start: each adapter imports its SDK module (adapters/*-sdk.ts) through this, and the
 * Lambda bundles ship those modules beside index.mjs (infra/bundling.ts, ON_DEMAND). A failed load is tried again.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    return loading;
  };
}
