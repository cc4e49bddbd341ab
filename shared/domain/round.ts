/**
 * The bình xét round's records: units' objections to their provisional results (kiến nghị), the clusters' secret
 * ballots (bỏ phiếu kín) with their tally, and the meeting's minutes (biên bản bình xét).
 */
import type { DecisionCapacity, Evidence, YearCluster } from './types.js';

/** An objection of a unit to its provisional result on one criterion; one per unit, criterion and year. */
export interface Objection {
  objectionId: string;
  campaignId: string;
  year: number;
  unitId: string;
  criterionId: string;
  reason: string;
  evidence: Evidence[];
  status: 'open' | 'accepted' | 'rejected';
  filedAt: string;
  filedBy: string;
  answer: { decision: 'accepted' | 'rejected'; comment: string; answeredAt: string; answeredBy: string } | null;
}
export type ObjectionStatus = Objection['status'];

export const encodeObjectionId = (o: Pick<Objection, 'campaignId' | 'year' | 'unitId' | 'criterionId'>) =>
  Buffer.from(['objection', o.campaignId, o.year, o.unitId, o.criterionId].join('|'), 'utf8').toString('base64url');

export function decodeObjectionId(id: string) {
  if (!/^[A-Za-z0-9_-]{8,400}$/.test(id)) return null;
  const parts = Buffer.from(id, 'base64url').toString('utf8').split('|');
  if (parts.length !== 5 || parts[0] !== 'objection') return null;
  const [, campaignId, year, unitId, criterionId] = parts as [string, string, string, string, string];
  const k = { campaignId, year: Number(year), unitId, criterionId };
  if (!Number.isInteger(k.year) || !campaignId || !unitId || !criterionId) return null;
  return encodeObjectionId(k) === id ? k : null;
}

/**
 * Who voted: one per member unit, cluster and year (turnout, the minutes). It holds no choice: a ballot adds to the
 * cluster's running totals in the same write and is kept nowhere else, so no stored item holds one ballot's content.
 */
export interface VoterRecord {
  campaignId: string;
  year: number;
  clusterId: string;
  unitId: string;
  votedAt: string;
}
/**
 * A cluster's running totals: how many ballots were cast and how many named each candidate. No time and no voter:
 * what the store keeps of a vote is the voters (above) and these counts.
 */
export interface VoteTotals {
  ballots: number;
  votes: Record<string, number>;
}

/** The meeting's minutes (biên bản họp bình xét): the head enters them; they lock when the meetings stage closes. */
export interface MeetingMinutes {
  campaignId: string;
  year: number;
  clusterId: string;
  heldOn: string;
  place: string;
  chair: string;
  /** Thư ký (absent: not named; minutes recorded before it was asked for). */
  secretary?: string;
  attendees: string[];
  notes: string;
  recordedAt: string;
  recordedBy: string;
}

/**
 * How a cluster's vote decides, a campaign setting (data, as the province's rules are): the quorum is a share of
 * the members that must vote (more than it), and a candidate is elected with more than `electShare` of the ballots.
 */
export interface VotingRules {
  quorumShare: number;
  electShare: number;
}
export const DEFAULT_VOTING: VotingRules = { quorumShare: 0.5, electShare: 0.5 };

export interface VoteTally {
  members: number;
  turnout: number;
  /** The least turnout that makes the quorum. */
  quorumNeeded: number;
  quorumMet: boolean;
  tally: Array<{ unitId: string; votes: number }>;
  /** The units elected (at most the flag quota), once the vote has closed; null before. */
  elected: string[] | null;
}

/**
 * The tally of a cluster's ballots: each candidate's votes (every eligible unit listed, most votes first, then by
 * id), and once closed, the elected units: with more than `electShare` of the ballots, within the quota; where a
 * tie straddles the quota none of the tied is elected (the cluster votes again on them).
 */
export function tallyVote(
  members: number,
  eligible: string[],
  totals: VoteTotals,
  quota: number,
  rules: VotingRules,
  closed: boolean,
): VoteTally {
  const tally = eligible
    .map((unitId) => ({ unitId, votes: totals.votes[unitId] ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.unitId.localeCompare(b.unitId));
  const quorumNeeded = Math.floor(members * rules.quorumShare) + 1;
  const quorumMet = totals.ballots >= quorumNeeded;
  let elected: string[] | null = null;
  if (closed) {
    const passing = quorumMet ? tally.filter((t) => t.votes > totals.ballots * rules.electShare) : [];
    const within = passing.slice(0, quota);
    const cut = passing[quota];
    elected = (cut ? within.filter((t) => t.votes > cut.votes) : within).map((t) => t.unitId);
  }
  return { members, turnout: totals.ballots, quorumNeeded, quorumMet, tally, elected };
}

/**
 * In which capacity a unit may cross-check another's report (kiểm tra chéo): the head of the report's cluster for
 * its members, the deputy for the head's own reports; null otherwise. Nobody checks their own unit.
 */
export function crossCheckCapacity(
  clusters: YearCluster[],
  checker: string,
  reportUnit: string,
): Exclude<DecisionCapacity, 'reviewer'> | null {
  if (checker === reportUnit) return null;
  const cluster = clusters.find((c) => c.members.includes(reportUnit));
  if (!cluster) return null;
  if (cluster.head === checker) return 'cluster-head';
  if (cluster.deputy === checker && cluster.head === reportUnit) return 'cluster-deputy';
  return null;
}
