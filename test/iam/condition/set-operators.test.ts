import { checkConditions } from './helpers';
import { atom } from '../../../src/iam/symbolic';

// IAM "Single-valued vs. multivalued context keys": ForAnyValue — "at least one member of the set of request values
// matches at least one member of the set of condition key values"; ForAllValues — "every member of the request set
// is a subset of the condition key set"; missing key or null data set: ForAnyValue false, ForAllValues true.
const TAG_KEYS = 'aws:TagKeys';

describe('ForAnyValue', () => {
  checkConditions([
    { rule: 'ForAnyValue: one request value in the policy set → true', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, values: ['team', 'cost'], context: { [TAG_KEYS]: ['env', 'team'] }, expected: 'true', reason: /value 'team'/ },
    { rule: 'ForAnyValue: no request value in the policy set → false', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, values: ['team', 'cost'], context: { [TAG_KEYS]: ['env', 'owner'] }, expected: 'false', reason: /no value of aws:TagKeys/ },
    { rule: 'ForAnyValue: a single value is a set of one (matching)', operator: 'ForAnyValue:StringLike', key: TAG_KEYS, values: ['te*'], context: { [TAG_KEYS]: 'team' }, expected: 'true' },
    { rule: 'ForAnyValue: a single value is a set of one (not matching)', operator: 'ForAnyValue:StringLike', key: TAG_KEYS, values: ['te*'], context: { [TAG_KEYS]: 'env' }, expected: 'false' },
    { rule: 'ForAnyValue: an empty set → false', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: [] }, expected: 'false', reason: /no values/ },
    { rule: 'ForAnyValue: an empty string is a null data set → false', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, values: [''], context: { [TAG_KEYS]: '' }, expected: 'false' },
    { rule: 'ForAnyValue with a negated operator: some request value outside the policy set → true', operator: 'ForAnyValue:StringNotEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: ['team', 'env'] }, expected: 'true' },
    { rule: 'ForAnyValue with a negated operator: every request value in the policy set → false', operator: 'ForAnyValue:StringNotEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: ['team'] }, expected: 'false' },
    { rule: 'ForAnyValue: a definite match decides despite an undecided element', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: [atom('opaque', 'P'), 'team'] }, expected: 'true' },
    { rule: 'ForAnyValue: otherwise an undecided element leaves it unknown', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: [atom('opaque', 'P'), 'env'] }, expected: 'unknown' },
  ]);
});

describe('ForAllValues', () => {
  checkConditions([
    { rule: 'ForAllValues: every request value in the policy set → true', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, values: ['team', 'cost', 'env'], context: { [TAG_KEYS]: ['env', 'team'] }, expected: 'true', reason: /every value/ },
    { rule: 'ForAllValues: one request value outside the policy set → false', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, values: ['team', 'cost'], context: { [TAG_KEYS]: ['team', 'owner'] }, expected: 'false', reason: /value 'owner'/ },
    { rule: 'ForAllValues: an empty set → true ("Do not use ForAllValues with an Allow effect")', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: [] }, expected: 'true' },
    { rule: 'ForAllValues: an empty string is a null data set → true', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: '' }, expected: 'true' },
    { rule: 'ForAllValues: a single value is a set of one (in the set)', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: 'team' }, expected: 'true' },
    { rule: 'ForAllValues: a single value is a set of one (outside)', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: 'env' }, expected: 'false' },
    { rule: 'ForAllValues with a negated operator: no request value in the policy set → true', operator: 'ForAllValues:StringNotEquals', key: TAG_KEYS, values: ['secret'], context: { [TAG_KEYS]: ['team', 'env'] }, expected: 'true' },
    { rule: 'ForAllValues with a negated operator: one request value in the policy set → false', operator: 'ForAllValues:StringNotEquals', key: TAG_KEYS, values: ['secret'], context: { [TAG_KEYS]: ['team', 'secret'] }, expected: 'false' },
    { rule: 'ForAllValues: a definite failure decides despite an undecided element', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: [atom('opaque', 'P'), 'env'] }, expected: 'false' },
    { rule: 'ForAllValues: otherwise an undecided element leaves it unknown', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, values: ['team'], context: { [TAG_KEYS]: [atom('opaque', 'P'), 'team'] }, expected: 'unknown' },
    { rule: 'ForAllValues over other families: numbers', operator: 'ForAllValues:NumericLessThan', key: 'test:sizes', values: ['10'], context: { 'test:sizes': ['1', '9'] }, expected: 'true' },
    { rule: 'ForAllValues over other families: numbers (one too big)', operator: 'ForAllValues:NumericLessThan', key: 'test:sizes', values: ['10'], context: { 'test:sizes': ['1', '10'] }, expected: 'false' },
  ]);
});
