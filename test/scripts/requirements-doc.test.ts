/**
 * The committed requirements page is what the catalog and the bindings render: a binding
 * added in code without `npm run docs` fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRequirementsDoc, REQUIREMENTS_DOC } from '../../scripts/requirements-doc';
import { AWS_BINDINGS } from '../../cdk/records';
import { requirementsPage } from '../../constructs/requirements-page';
import { REQUIREMENTS } from '../../constructs/requirements';

describe('docs/requirements.md', () => {
  it('is up to date with the catalog and AWS_BINDINGS (run `npm run docs` to regenerate)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', REQUIREMENTS_DOC), 'utf8');
    expect(committed).toBe(renderRequirementsDoc());
  });

  it('lists, per requirement, the AWS resource types bound to it', () => {
    const page = renderRequirementsDoc();
    const enc1 = page.slice(page.indexOf('## ENC-1'), page.indexOf('## ENC-2'));
    expect(enc1).toContain('- `AWS::EC2::Volume`');
    expect(enc1).toContain('- `AWS::EC2::LaunchTemplate`');
    const tls4 = page.slice(page.indexOf('## TLS-4'), page.indexOf('## IAM-1'));
    expect(tls4).toContain('- `AWS::S3::Bucket`');
    for (const r of REQUIREMENTS) expect(page).toContain(`## ${r.id}\n`);
  });

  it('reads whatever bindings it is given: a new table shows up without touching the generator', () => {
    const page = requirementsPage(REQUIREMENTS, { 'AWS (CloudFormation)': { 'AWS::IAM::Policy': ['IAM-1'] }, 'GCP (Pulumi)': { 'gcp:compute/disk:Disk': ['ENC-1'] } });
    const iam1 = page.slice(page.indexOf('## IAM-1'), page.indexOf('## IAM-2'));
    expect(iam1).toContain('AWS (CloudFormation): 1 resource type checked.\n\n- `AWS::IAM::Policy`');
    expect(iam1).toContain('GCP (Pulumi): not checked yet.');
    expect(page).toContain('- `gcp:compute/disk:Disk`');
  });
});
