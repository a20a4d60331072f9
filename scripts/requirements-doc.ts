/**
 * `npm run docs`: writes docs/requirements.md from the catalog and the AWS and GCP bindings.
 * Tooling, not library: like the CLI it reads both provider sides. A test
 * fails when the committed page differs from what this renders, so bindings added in code
 * show up on the page, or the build says so.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_BINDINGS } from '../cdk/records';
import { requirementsPage } from '../constructs/requirements-page';
import { REQUIREMENTS } from '../constructs/requirements';
import { GCP_BINDINGS, GCP_UNBOUND } from '../pulumi/records';

/** Where the page lives, from the repository root. */
export const REQUIREMENTS_DOC = join('docs', 'requirements.md');

/**
 * The requirements page as it should be committed.
 *
 * @example
 * renderRequirementsDoc().includes('`AWS::EC2::Volume`') // true
 */
export function renderRequirementsDoc(): string {
  return requirementsPage(REQUIREMENTS, { 'AWS (CloudFormation)': AWS_BINDINGS, 'GCP (Pulumi)': GCP_BINDINGS }, { 'GCP (Pulumi)': GCP_UNBOUND });
}

if (require.main === module) {
  const path = join(__dirname, '..', REQUIREMENTS_DOC);
  writeFileSync(path, renderRequirementsDoc());
  process.stdout.write(`wrote ${REQUIREMENTS_DOC}\n`);
}
