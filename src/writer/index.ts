export * from './props';
export * from './secure-lambda-writer';
export { WriterPropError } from './errors';
