export * from './report-period.ts';
export * from './revisit-sample.ts';
