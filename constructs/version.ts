/**
 * The library's own version, for reports (`tool.version` in JSON and SARIF).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The version in this package's `package.json`, found by walking up from this file (it sits at
 * `constructs/` in the sources and `dist/constructs/` when built); `0.0.0` when it cannot be found.
 *
 * @example
 * packageVersion() // '0.1.0'
 */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'compliance-constructs') return (cached = pkg.version ?? '0.0.0');
    }
    dir = dirname(dir);
  }
  return (cached = '0.0.0');
}
