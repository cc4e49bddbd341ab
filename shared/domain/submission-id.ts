/** Submission ids name the stored version (campaign, year, unit, slot, version) in an opaque, URL-safe form. */
/** One figure slot of a unit's campaign year (a criterion, or one task of a task criterion). */
export interface SlotKey {
  campaignId: string;
  year: number;
  unitId: string;
  slotId: string;
}

export interface SubmissionKey extends SlotKey {
  version: number;
}

export const encodeSubmissionId = (k: SubmissionKey): string =>
  Buffer.from([k.campaignId, k.year, k.unitId, k.slotId, k.version].join('|'), 'utf8').toString('base64url');

export function decodeSubmissionId(id: string): SubmissionKey | null {
  if (!/^[A-Za-z0-9_-]{8,400}$/.test(id)) return null;
  const parts = Buffer.from(id, 'base64url').toString('utf8').split('|');
  if (parts.length !== 5) return null;
  const [campaignId, year, unitId, slotId, version] = parts as [string, string, string, string, string];
  const k = { campaignId, year: Number(year), unitId, slotId, version: Number(version) };
  if (!Number.isInteger(k.year) || !Number.isInteger(k.version) || k.version < 1 || !campaignId || !unitId || !slotId)
    return null;
  return encodeSubmissionId(k) === id ? k : null;
}
