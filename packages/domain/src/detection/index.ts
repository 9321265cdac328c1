export * from './detection-policy.ts';
export type { Finding, Reason } from './finding.ts';
export * from './burst.ts';
export * from './fast-device.ts';
export * from './self-rating.ts';
export * from './identical-text.ts';
export * from './level-skew.ts';
