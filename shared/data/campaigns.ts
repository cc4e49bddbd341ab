/** The campaigns whose definitions ship with the platform, as data; a province adds its own file here. */

import type { Campaign, Criterion } from '../domain/types.js';
import haiPhong from './hai-phong/campaign-hp-175.json' with { type: 'json' };
import haiPhongClusters from './hai-phong/clusters.json' with { type: 'json' };

export interface CampaignDefinition {
  campaign: Campaign;
  criteriaByYear: Record<string, Criterion[]>;
  /** Per-year settings beside the criteria (the cut-off day of a year of reorganisation). */
  yearSettings: Record<string, { cutOff?: string }>;
}

function definition(data: typeof haiPhong, clusters: Campaign['clusters']): CampaignDefinition {
  const { years, yearSettings, lineageSource: _source, ...campaign } = data;
  return {
    campaign: { ...(campaign as Omit<Campaign, 'clusters'>), clusters },
    criteriaByYear: years as unknown as Record<string, Criterion[]>,
    yearSettings: Object.fromEntries(Object.entries(yearSettings).map(([y, { cutOff }]) => [y, { cutOff }])),
  };
}

export const campaignDefinitions: Record<string, CampaignDefinition> = {
  'hp-175': definition(haiPhong, haiPhongClusters),
};
