export * from './props';
export * from './secure-lambda-writer';
