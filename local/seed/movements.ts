/**
 * The demo's three movements as data: Hải Phòng's 175/KH-UBND (the 284/QĐ-UBND task annex, 2024–2026 criteria),
 * Đà Nẵng's 2780/QĐ-UBND scheme (index-style results) and Khánh Hòa's communication plan. Each names its unit files
 * (shared/data/units-2025, the rows a Ban TĐKT would upload, old structure first) and who takes part each year.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { campaignDefinitions } from '../../shared/data/campaigns.js';
import daNang from '../../shared/data/da-nang/campaign-dn-2780.json' with { type: 'json' };
import tasks284 from '../../shared/data/hai-phong/tasks-284.json' with { type: 'json' };
import hpUnits from '../../shared/data/hai-phong/units.json' with { type: 'json' };
import hpReform from '../../shared/data/hai-phong/units-2025-reform.json' with { type: 'json' };
import hpYearClusters from '../../shared/data/hai-phong/year-clusters.json' with { type: 'json' };
import khanhHoa from '../../shared/data/khanh-hoa/campaign-kh-tt-cds.json' with { type: 'json' };
import type { Campaign, Criterion, Level, Task, Unit } from '../../shared/domain/types.js';

/** Who takes part in a year: blocks listed by unit (first member head, second deputy) and the year's communes. */
export interface YearParticipants {
  blocks: Array<{ clusterId: string; members: string[] }>;
  /** The commune-level units in illustrative clusters (cụm minh họa), by the former district they mostly came from. */
  communes?: { by: 'former-district'; minMembers: number; note: string };
  /** A year the movement's data does not define: opened from the year before, as an admin would. */
  openedFrom?: number;
  /** Levels that ended, and the level that took their criteria over (districts → communes after 1/7/2025). */
  levelsRenamed?: Partial<Record<Level, Level>>;
}

export interface Movement {
  campaign: Campaign;
  taskCatalogue: string;
  tasks: Task[];
  /** The years the movement's documents define, with their criteria (and cut-off day where it is not 31/12). */
  years: Record<string, { criteria: Criterion[]; cutOff?: string }>;
  /** Units the movement's file lists itself (departments, agencies, enterprises), with their sources. */
  units: Array<Partial<Unit> & Pick<Unit, 'unitId' | 'name' | 'level'>>;
  /** Unit files in the import format, in shared/data/units-2025, loaded in this order. */
  unitFiles: string[];
  participants: Record<string, YearParticipants>;
  /**
   * Units given a mailbox in the reserved .invalid domain (no mail can ever leave), so their reminders land in the
   * local outbox; the other units' are kept in their Hộp thư only.
   */
  mailboxes?: string[];
}

const UNIT_FILES_DIR = fileURLToPath(new URL('../../shared/data/units-2025/', import.meta.url));
/** A unit file's text, as an upload would carry it. */
export const unitFileText = (name: string) => readFileSync(`${UNIT_FILES_DIR}${name}`, 'utf8');

const withoutSource = <T extends { source?: unknown }>({ source: _source, ...rest }: T) => rest;

const hp = campaignDefinitions['hp-175']!;
const haiPhong: Movement = {
  campaign: hp.campaign,
  taskCatalogue: 'qd-284',
  tasks: tasks284 as Task[],
  years: Object.fromEntries(
    Object.entries(hp.criteriaByYear).map(([y, criteria]) => [y, { criteria, ...hp.yearSettings[y] }]),
  ),
  units: [...hpUnits, ...hpReform.units.map(withoutSource)] as Movement['units'],
  unitFiles: ['hai-phong-old-communes.csv', 'hai-phong-communes-2025.csv'],
  participants: hpYearClusters.years as Record<string, YearParticipants>,
  mailboxes: ['p-hong-bang', 'p-thuy-nguyen', 'dk-cat-hai', 'dk-bach-long-vi'],
};

/** A movement from its own data file (shared/data/<province>/campaign-*.json). */
interface MovementFile {
  campaign: Campaign;
  taskCatalogue: string;
  tasks: Task[];
  years: Record<string, { cutOff?: string; criteria: Criterion[] }>;
  units: Array<Movement['units'][number] & { source?: string }>;
  unitFiles: string[];
  participants: Record<string, YearParticipants>;
}
const fromFile = (file: MovementFile): Movement => ({ ...file, units: file.units.map(withoutSource) });

export const MOVEMENTS: Movement[] = [
  haiPhong,
  fromFile(daNang as unknown as MovementFile),
  fromFile(khanhHoa as unknown as MovementFile),
];
export const demoMovement = haiPhong;
