export * from './achievements.ts';
export * from './api-keys.ts';
export * from './enums.ts';
export * from './industry-chains.ts';
export * from './managers.ts';
export * from './needs.ts';
export * from './organisations.ts';
export * from './users.ts';
