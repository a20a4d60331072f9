/**
 * The logging, host and deployment requirements are bound to CloudFormation types and fact kinds.
 */
import { AWS_BINDINGS } from '../../../cdk/records';
import { requirementsOfKind } from '../../../constructs/checks';
import type { Fact } from '../../../constructs/facts';
import { REQUIREMENTS } from '../../../constructs/requirements';

const AREA = REQUIREMENTS.filter((r) => ['LOG', 'HOST', 'DEPLOY'].includes(r.area)).map((r) => r.id);

describe('bindings', () => {
  it('every LOG, HOST and DEPLOY requirement is bound to a resource type', () => {
    const bound = new Set(Object.values(AWS_BINDINGS).flat());
    expect(AREA.filter((id) => !bound.has(id))).toEqual([]);
  });

  it('every LOG, HOST and DEPLOY requirement has a check', () => {
    const kinds: Array<Fact['kind']> = ['log-store', 'log-archive', 'log-coverage', 'log-format', 'audit-trail', 'host-care', 'vulnerability-scan', 'instance-metadata', 'container-isolation', 'rollback'];
    expect(kinds.flatMap((k) => requirementsOfKind(k)).sort()).toEqual([...AREA].sort());
  });

  it('types two areas read keep the requirements of both', () => {
    expect(AWS_BINDINGS['AWS::EC2::Instance']).toEqual(expect.arrayContaining(['NET-4', 'HOST-1', 'HOST-4']));
    expect(AWS_BINDINGS['AWS::AutoScaling::AutoScalingGroup']).toEqual(expect.arrayContaining(['HOST-1', 'DEPLOY-1']));
  });
});
