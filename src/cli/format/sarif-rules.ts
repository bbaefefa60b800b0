import { CAUSE_TABLE, CauseEntry } from '../../analysis/causes/cause-table';
import { CauseCode } from '../../analysis/report';

/** One SARIF rule: the cause table's wording of a code (what it means and where AWS documents it). */
export type RuleText = Pick<CauseEntry, 'name' | 'short' | 'full' | 'help' | 'helpUri'>;

const S3_403 = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html';

/** The rules are the cause table's entries (causes/cause-table.ts). */
export const CAUSE_RULES: Record<CauseCode, RuleText> = CAUSE_TABLE;

/** The rule for a finding that is not ALLOW but names no cause (it should not happen; it must not vanish if it does). */
export const UNEXPLAINED_RULE_ID = 'WRITE_NOT_PROVEN';
export const UNEXPLAINED_RULE: RuleText = {
  name: 'WriteNotProven',
  short: 'A Lambda write to S3 is not known to be allowed',
  full: 'The analysis did not find the write allowed and named no cause.',
  help: 'Run the check with --json and report the finding.',
  helpUri: S3_403,
};
