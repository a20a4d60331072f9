/**
 * Escape hatches on block storage (ENC-1): the pack judges the rendered template, so stripping
 * `Encrypted` with a deletion override, or writing a raw CfnVolume, fails synthesis.
 *
 * Needs ENC-1 on CloudFormation (issue 3). Not committed on the issue-6 branch: it cannot pass
 * there; the lead adds it after merging issue 3.
 */
import { Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { SecurityPolicyChecks } from '../../../cdk/checks/pack';
import { levels, testApp } from './fixtures';

describe('escape hatches on volumes: the rendered template is judged', () => {
  const app = testApp();
  const stripped = new Stack(app, 'DeletionOverride');
  const volume = new ec2.Volume(stripped, 'Data', { availabilityZone: 'eu-west-1a', size: Size.gibibytes(20), encrypted: true });
  (volume.node.defaultChild as ec2.CfnVolume).addDeletionOverride('Properties.Encrypted');
  const raw = new Stack(app, 'RawL1');
  new ec2.CfnVolume(raw, 'Data', { availabilityZone: 'eu-west-1a', size: 20 });
  const pack = new SecurityPolicyChecks(undefined, { reportFormats: [] });

  it("addDeletionOverride('Properties.Encrypted') on an encrypted Volume → synth fails with ENC-1", () => {
    const report = pack.validateScope(stripped);
    expect(report.success).toBe(false);
    expect(levels(report)).toContain('ENC-1:error');
    expect(report.violations.find((v) => v.ruleName === 'ENC-1')?.violatingResources[0].constructPath).toBe('DeletionOverride/Data/Resource');
  });

  it('a raw CfnVolume without Encrypted → synth fails with ENC-1', () => {
    const report = pack.validateScope(raw);
    expect(report.success).toBe(false);
    expect(levels(report)).toContain('ENC-1:error');
    expect(report.violations.find((v) => v.ruleName === 'ENC-1')?.violatingResources[0].constructPath).toBe('RawL1/Data');
  });
});
