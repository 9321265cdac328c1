export * from './policy.ts';
export * from './channels.ts';
export * from './submission.ts';
