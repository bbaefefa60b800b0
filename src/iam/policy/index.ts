export { parsePolicy } from './parse';
export { parseStatement } from './statement';
export { splitArn, ARN_COMPONENTS } from './arn';
