import { DEFAULT_MAX_FILE_MIB, DEFAULT_MAX_STACKS, DEFAULT_MAX_TOTAL_MIB } from './limits';

/** The one-line usage printed after a usage error, and the full help of `--help`. */

export const USAGE_LINE =
  'Usage: cdk-secure-lambda-writer check [ASSEMBLY_DIR] [--json | --sarif | --fix] [--strict] [environment options]';
/** The second command; printed with the first in --help. */
export const EXPLAIN_USAGE_LINE =
  '       cdk-secure-lambda-writer explain [ASSEMBLY_DIR] [--message "<error text>" | < FILE] [--json] [environment options]';

export const HELP_TEXT = `${USAGE_LINE}
${EXPLAIN_USAGE_LINE}

Decides, from a synthesized cloud assembly (the output of \`cdk synth\`, nested Stage assemblies included),
whether each Lambda function that is meant to write to an S3 bucket could call s3:PutObject: ALLOW, DENY,
CONDITIONAL or UNKNOWN, with the policy statement or setting that decides it and the fix.

Arguments:
  ASSEMBLY_DIR                  the cloud assembly directory (default: "output" of ./cdk.json, else cdk.out)

Output:
  (default)                     a table, the causes of every finding that is not ALLOW, the assumptions made,
                                and a summary line
  --json                        the report: {"version": 1, "findings": [...]}
  --sarif                       SARIF 2.1.0 for GitHub code scanning (upload with github/codeql-action/upload-sarif);
                                file URIs are relative to %SRCROOT%, the working directory: run it from the
                                repository root
  --fix                         the remediation of every DENY and CONDITIONAL write, grouped by the policy (or request)
                                it changes, as JSON to review: statements to add or replace, what to send and declare

Exit codes:
  0  no DENY            1  at least one DENY (with --strict: also CONDITIONAL or UNKNOWN)
  2  usage or input error (missing, corrupt or refused assembly, unreadable option file, a limit passed)
  Acknowledged findings are reported but never fail: Validations.of(construct).acknowledge(
  { id: 'WriteAccessChecker::<CAUSE_CODE>', reason }) on the function, its role or its bucket (or an ancestor
  inside the stack), as for \`cdk synth\`.

explain: takes the error a function logged when S3 or KMS refused a write (AccessDenied with or without AWS's
reason, KMS AccessDeniedException, AccessControlListNotSupported, an Object Lock InvalidRequest; as the JavaScript
v3, boto3 or Java SDK logs it), finds the function (session name), role, bucket and key it names in the assembly
(literal names exactly, generated names by their shape; the output says which), decides that exact request, and
says whether the templates agree with AWS's reason: agree, templates-deny-otherwise, outside-templates (an SCP,
RCP, VPC endpoint policy or boundary: the option that brings it in) or drift (the deployed stack differs from
this assembly: what to compare). The assembly is only read.
  --message TEXT                the error text (default: read from standard input)
  --json                        {"version": 1, "message", "match", "findings", "agreement", "explanation",
                                "remediation"}
  Exit codes: 1 for every explained error (a denial AWS made is one to act on, whether the templates deny it too,
  or allow it and the cause is outside them or drift); 2 for a usage or input error, or a text with no S3 or KMS
  access error in it. The environment options below apply to explain too.

Environment the templates cannot show (each file holds JSON; the output of the matching AWS CLI command works too):
  --scp FILE                    service control policies of one organization level, root first; repeat per level;
                                a policy or an array of policies (aws organizations describe-policy)
  --rcp FILE                    resource control policies of one level, as --scp
  --org-id ID                   the organization ID, for aws:PrincipalOrgID conditions
  --bucket-policy NAME=FILE     the policy of a bucket outside the app (aws s3api get-bucket-policy)
  --bucket-account NAME=ACCOUNT the account that owns a bucket outside the app
  --requester-pays NAME         a bucket outside the app with Requester Pays on (repeatable; default: assumed off)
  --key-policy ARN=FILE         the policy of a KMS key outside the app (aws kms get-key-policy)
  --managed-policy ARN=FILE     a managed policy outside the app, e.g. a permissions boundary
                                (aws iam get-policy-version)
  --account-bpa [ACCOUNT=]FILE  account-level Block Public Access settings, for one account or all
                                (aws s3control get-public-access-block)
  --default-account ACCOUNT     the account environment-agnostic stacks deploy to
  --strict                      CONDITIONAL and UNKNOWN findings fail too (exit 1)
  --least-privilege MODE        warn (default): report what each writer's role can do beyond its writes (with
                                the policy that grants exactly its writes) and who else can write to each bucket,
                                as warnings (a bucket anyone can write to fails); error: each of them fails (exit 1)
                                unless acknowledged (WriteAccessChecker::EXCESS_PERMISSION, ::OTHER_WRITER,
                                ::PUBLIC_WRITE); off: not analysed

What is read (the assembly is input like any other; anything refused is exit 2 with one line saying why):
  Only files inside ASSEMBLY_DIR, after following symbolic links (a manifest, template, metadata file, nested
  assembly or nested-stack template that leads outside it is refused), and only regular files (no FIFO, device,
  socket). Each file is read and parsed once, however many stacks name it. Option files (--scp, ...) may be
  anywhere, pipes included, and are read up to the same size limit.
  --max-file-size MIB           largest file read (default: ${DEFAULT_MAX_FILE_MIB})
  --max-total-size MIB          the assembly's files read in all (default: ${DEFAULT_MAX_TOTAL_MIB})
  --max-stacks N                stacks, nested stacks (each deployment of a nested template counts) and nested
                                assemblies read (default: ${DEFAULT_MAX_STACKS.toLocaleString('en-US')})

  --help                        this help
  --version                     the version
`;
