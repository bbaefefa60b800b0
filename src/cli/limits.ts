/**
 * How much the command line reads, at most. A cloud assembly is input like any other: a hostile or broken one must
 * end in a one-line error, not in a hang, gigabytes of memory or a stack overflow. Each bound has an option
 * (usage.ts), and the README's limits section states the defaults.
 */

export const BYTES_PER_MIB = 1024 * 1024;

/**
 * Largest single file read (a template, a manifest, a metadata file, an option file). CloudFormation itself accepts
 * templates of at most 1 MB (S3 `TemplateURL`); synthesized templates before any deploy-time limit, and the
 * metadata files of large apps, stay far below this.
 */
export const DEFAULT_MAX_FILE_MIB = 256;

/** All the assembly's files read in one run, together: many distinct large templates must not add up to an abort. */
export const DEFAULT_MAX_TOTAL_MIB = 1024;

/**
 * Stacks read in one run: stack artifacts, CloudFormation nested stacks (each deployment of a nested template
 * counts, so a template deploying the next twice, 18 levels deep, is 2^18 stacks), and nested Stage assemblies.
 * The largest real apps have hundreds.
 */
export const DEFAULT_MAX_STACKS = 10_000;

export interface ReadLimits {
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
  readonly maxStacks: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: DEFAULT_MAX_FILE_MIB * BYTES_PER_MIB,
  maxTotalBytes: DEFAULT_MAX_TOTAL_MIB * BYTES_PER_MIB,
  maxStacks: DEFAULT_MAX_STACKS,
};

/** `256 MiB`, `0.5 MiB`: a limit as the user gave it (in MiB). */
export function formatMib(bytes: number): string {
  const mib = bytes / BYTES_PER_MIB;
  return `${Number.isInteger(mib) ? mib : Number(mib.toPrecision(3))} MiB`;
}
