export * from './campaign-config.ts';
export * from './campaign-period.ts';
export * from './campaign-score.ts';
