import type { PublicFigures, PublicMetric } from '@hcp/domain';

/**
 * What the portal's API answers (packages/server/src/routes/disclosure/disclosure.schemas.ts). The
 * domain's types are imported as types only: the public pages carry no domain code.
 */
export type PublicPeriodUnit = 'month' | 'quarter' | 'year';
export type { PublicMetric };

export interface Label {
  zh: string;
  en: string;
}

/** Only the figures the region publishes are present; null when there is nothing to divide by. */
export type Figures = PublicFigures;

export interface RegionRef {
  code: string;
  name: string;
}

export interface PeriodView {
  unit: PublicPeriodUnit;
  from: string;
  to: string;
}

export interface Published {
  enabled: boolean;
  metrics: PublicMetric[];
  rankings: boolean;
  replies: boolean;
  minVolume: number;
}

/** The period asked for: a unit and a date in it (today when absent). */
export interface PeriodQuery {
  period?: PublicPeriodUnit;
  date?: string;
}
