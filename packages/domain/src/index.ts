export * from './calendar/index.ts';
export * from './region/region-code.ts';
export * from './privacy/mask.ts';
export * from './access/permissions.ts';
export * from './organisation/org-kinds.ts';
