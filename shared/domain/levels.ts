/**
 * What a level is called depends on the year: until 30/6/2025 the commune level was "xã, phường, thị trấn" beneath
 * the districts; from 1/7/2025 (Resolution 202/2025/QH15, the two-tier local government) there are no districts and
 * no thị trấn, and the level is "xã, phường, đặc khu". A year is named by the structure it scores (its cut-off day).
 */
import { LEVELS, type Level } from './types.js';

/** The first day of the two-tier local government (no district level; xã, phường, đặc khu). */
export const TWO_TIER_FROM = '2025-07-01';

/** Each level's name, whatever the year (where no year is in question). */
export const LEVEL_LABELS: Record<Level, string> = {
  department: 'Sở, ban, ngành',
  district: 'Quận, huyện',
  commune: 'Cấp xã',
  enterprise: 'Doanh nghiệp',
};

/** Each level's name on a day: the commune level of its time; the district level only while districts exist. */
export function levelLabelsOn(day: string): Record<Level, string> {
  return {
    ...LEVEL_LABELS,
    commune: day >= TWO_TIER_FROM ? 'Xã, phường, đặc khu' : 'Xã, phường, thị trấn',
  };
}

/** The levels a day's structure has: no district level from 1/7/2025. */
export const levelsOn = (day: string): Level[] => LEVELS.filter((l) => l !== 'district' || day < TWO_TIER_FROM);

/** The levels of a year as people read them: those its structure has, each under its name of that time. */
export const yearLevels = (cutOffDay: string) =>
  levelsOn(cutOffDay).map((level) => ({ level, label: levelLabelsOn(cutOffDay)[level] }));
