/** Which CI system a run is in, for `--ci`: from the flag's value, else from the variables each CI sets. */
import { UsageError } from '../../errors.js';

export const CI_PROVIDERS = ['github', 'gitlab', 'plain'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

/**
 * `--ci` alone (true) or `--ci auto` detects the provider: GitHub Actions sets GITHUB_ACTIONS=true and
 * GitLab CI sets GITLAB_CI=true (both documented as always set in their jobs); anything else is plain.
 */
export function resolveCiProvider(
  flag: string | boolean | undefined,
  env: NodeJS.ProcessEnv,
): CiProvider | undefined {
  if (flag === undefined || flag === false) return undefined;
  if (flag === true || flag === 'auto') {
    if (env.GITHUB_ACTIONS === 'true') return 'github';
    if (env.GITLAB_CI === 'true') return 'gitlab';
    return 'plain';
  }
  if ((CI_PROVIDERS as readonly string[]).includes(flag)) return flag as CiProvider;
  throw new UsageError(
    `--ci ${flag}: unknown CI provider; use --ci (detects GitHub Actions and GitLab CI), --ci github, --ci gitlab or --ci plain`,
  );
}
