// The public surface: re-exports only.
export * from './checker';
export * from './writer';
