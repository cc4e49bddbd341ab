/** What every port shares: the clock, pages of a listing and their byte budget, the revision of a record. */

export interface Clock {
  now(): Date;
}
export interface Page<T> {
  items: T[];
  nextToken: string | null;
}
/**
 * An audited item's revision: how many changes it has recorded (0: never written). It is the optimistic lock of
 * the next change; the entries themselves are items of their own, read page by page through the history methods.
 */
export interface Revised {
  revision: number;
}
/** A page of a listing: at most `limit` items and, whatever the limit, at most PAGE_BYTES of them. */
export interface PageQuery {
  limit: number;
  nextToken?: string;
}
/**
 * The byte budget of one listing page (items as JSON, UTF-8): a page of the largest items (400 KB each in
 * DynamoDB) still answers well inside Lambda's 6 MB response limit.
 */
export const PAGE_BYTES = 1_000_000;
