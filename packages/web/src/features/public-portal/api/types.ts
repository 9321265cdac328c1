/** What the portal's API answers (packages/server/src/routes/disclosure/disclosure.schemas.ts). */
export type PublicPeriodUnit = 'month' | 'quarter' | 'year';
export type PublicMetric =
  | 'satisfaction'
  | 'goodRate'
  | 'badRate'
  | 'levelCounts'
  | 'activeRate'
  | 'rectificationRate'
  | 'replyRate'
  | 'revisitRate'
  | 'revisitSatisfactionRate';

export interface Label {
  zh: string;
  en: string;
}

/** Only the figures the region publishes are present; null when there is nothing to divide by. */
export interface Figures {
  volume: number;
  withheld: boolean;
  satisfaction?: number | null;
  goodRate?: number | null;
  badRate?: number | null;
  levelCounts?: Record<1 | 2 | 3 | 4 | 5, number>;
  activeRate?: number | null;
  rectificationRate?: number | null;
  replyRate?: number | null;
  revisitRate?: number | null;
  revisitSatisfactionRate?: number | null;
}

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
