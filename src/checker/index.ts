export * from './write-access-checker';
export * from './props';
export * from './expect-write-options';
export * from './findings';
