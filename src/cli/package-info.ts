import * as fs from 'fs';
import * as path from 'path';

export interface PackageInfo {
  /** The installed package's version: `--version`, and SARIF `driver.version` / `driver.semanticVersion`. */
  readonly version: string;
  /** The project's home page, for SARIF `informationUri`. */
  readonly homepage: string;
}

export const PACKAGE_NAME = 'cdk-secure-lambda-writer';
const FALLBACK_HOMEPAGE = 'https://github.com/cdk-secure-lambda-writer/cdk-secure-lambda-writer';
/** Said when no package.json of ours is found (a bundled copy without it): never another package's version. */
const UNKNOWN_VERSION = '0.0.0';
/** How far up to look: `lib/cli` and `src/cli` are two levels below the package root; bundlers may nest deeper. */
const MAX_LEVELS_UP = 6;

/**
 * The package's own package.json: the nearest one above `startDirectory` whose name is this package's. Looking up
 * by name, rather than at a fixed `../..`, keeps the version right when the code is not where the build put it
 * (a bundle, a nested install), and never reports the version of the app that depends on us.
 *
 * @param startDirectory where the code runs from (this module's directory)
 */
export function packageInfo(startDirectory: string = __dirname): PackageInfo {
  const pkg = findOwnPackageJson(startDirectory);
  if (pkg === undefined) return { version: UNKNOWN_VERSION, homepage: FALLBACK_HOMEPAGE };
  const repository = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository as { url?: unknown } | undefined)?.url;
  return {
    version: typeof pkg.version === 'string' && pkg.version !== '' ? pkg.version : UNKNOWN_VERSION,
    homepage: typeof pkg.homepage === 'string' ? pkg.homepage : repositoryHomepage(repository) ?? FALLBACK_HOMEPAGE,
  };
}

function findOwnPackageJson(startDirectory: string): Record<string, unknown> | undefined {
  let directory = path.resolve(startDirectory);
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const pkg = readPackageJson(path.join(directory, 'package.json'));
    if (pkg?.name === PACKAGE_NAME) return pkg;
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return undefined;
}

function readPackageJson(file: string): Record<string, unknown> | undefined {
  try {
    // Regular files only: reading a FIFO would block.
    if (!fs.statSync(file).isFile()) return undefined;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof pkg === 'object' && pkg !== null && !Array.isArray(pkg) ? pkg : undefined;
  } catch {
    return undefined;
  }
}

/** `https://github.com/o/r.git` or `git+https://…` → `https://github.com/o/r`. */
function repositoryHomepage(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /(https:\/\/[^\s]+?)(\.git)?$/.exec(url.replace(/^git\+/, ''));
  return match ? match[1] : undefined;
}
