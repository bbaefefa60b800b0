// Moved: the one harness is test/support/harness.ts. This re-export keeps old imports working until they move.
export * from '../../support/harness';
