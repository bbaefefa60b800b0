/**
 * Write intents as recorded in CloudFormation resource metadata on the function. The format is the contract the
 * writer, the checker and the analysis share (src/contract/intent.ts); the analysis reads it from here.
 */
export { INTENT_METADATA_KEY } from '../contract/intent';
export type { BucketReference, RecordedIntent, RecordedRequestProfile } from '../contract/intent';
