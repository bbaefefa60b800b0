/** The IAM policy evaluator: pure functions over policy JSON and requests, no CloudFormation, no CDK. */
export { parsePolicy } from './policy';
export { evaluate } from './evaluate';
export * from './model';
export * from './tri';
export * from './symbolic';
