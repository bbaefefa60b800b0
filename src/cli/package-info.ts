import * as fs from 'fs';
import * as path from 'path';

export interface PackageInfo {
  readonly version: string;
  /** The project's home page, for SARIF `informationUri`. */
  readonly homepage: string;
}

const FALLBACK_HOMEPAGE = 'https://github.com/cdk-secure-lambda-writer/cdk-secure-lambda-writer';

/** The package's own package.json: two levels up from both `src/cli` and the compiled `lib/cli`. */
export function packageInfo(): PackageInfo {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    return {
      version: typeof pkg.version === 'string' ? pkg.version : '0.0.0',
      homepage: typeof pkg.homepage === 'string' ? pkg.homepage : repositoryHomepage(repository) ?? FALLBACK_HOMEPAGE,
    };
  } catch {
    return { version: '0.0.0', homepage: FALLBACK_HOMEPAGE };
  }
}

/** `https://github.com/o/r.git` or `git+https://…` → `https://github.com/o/r`. */
function repositoryHomepage(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /(https:\/\/[^\s]+?)(\.git)?$/.exec(url.replace(/^git\+/, ''));
  return match ? match[1] : undefined;
}
