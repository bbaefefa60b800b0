export { withoutUndefined } from '../analysis/text/without-undefined';
