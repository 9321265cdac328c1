export * from './counts.ts';
export * from './metrics.ts';
export * from './order-milestones.ts';
export * from './period.ts';
export * from './ranking.ts';
