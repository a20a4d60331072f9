/**
 * Exceptions in template metadata (as PolicyException writes them), read by checkStackTemplates.
 */
import { checkStackTemplates, EXCEPTIONS_METADATA_KEY } from '../../../cdk/records';
import { problem } from '../../input-error';
import { ingress, Json, securityGroup, template } from '../fixtures';

const TODAY = '2026-11-20';
const ENTRY = { requirement: 'NET-2', reason: 'Partner webhook', owner: 'team-web', granted: TODAY, expires: '2026-11-27' };

/** A group open to the world on 8443 (NET-2), with the given metadata entries. */
function stack(entries: Json) {
  const group = securityGroup({ SecurityGroupIngress: [ingress('tcp', 8443, 8443, { CidrIp: '0.0.0.0/0' })] });
  return [{ file: 'cdk.out/Web.template.json', stackName: 'Web', template: template({ Partner: { ...group, Metadata: { [EXCEPTIONS_METADATA_KEY]: entries } } }) }];
}

describe('exceptions in template metadata', () => {
  it('valid → the finding is excepted', () => {
    const { findings } = checkStackTemplates(stack([ENTRY]), {}, { today: TODAY });
    expect(findings.map((f) => `${f.rule}:${f.status}`)).toEqual(['NET-2:excepted']);
  });

  it('expired → a finding named after the resource, at the requirement severity', () => {
    const { findings } = checkStackTemplates(stack([{ ...ENTRY, expires: '2026-11-19', granted: '2026-11-12' }]), {}, { today: TODAY });
    expect(findings.map((f) => `${f.rule}:${f.status}:${f.severity}`)).toEqual(['NET-2:fail:P1', 'NET-2.exception:fail:P1']);
    expect(findings[1].message).toBe("Exception for NET-2 on Security group 'Partner' (team-web) expired on 2026-11-19.");
    expect(findings[1].resource).toMatchObject({ logicalId: 'Partner', stack: 'Web', file: 'cdk.out/Web.template.json' });
  });

  it('a P0 entry (hand-written: PolicyException refuses them) → not honoured, a P0 finding', () => {
    const { findings } = checkStackTemplates(stack([{ ...ENTRY, requirement: 'NET-1' }]), {}, { today: TODAY });
    expect(findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['NET-2:P1', 'NET-1.exception:P0']);
  });

  it('an exception on one resource does not cover another', () => {
    const group = securityGroup({ SecurityGroupIngress: [ingress('tcp', 8443, 8443, { CidrIp: '0.0.0.0/0' })] });
    const t = template({ Partner: { ...group, Metadata: { [EXCEPTIONS_METADATA_KEY]: [ENTRY] } }, Other: group });
    const { findings } = checkStackTemplates([{ file: 'x.json', stackName: 'Web', template: t }], {}, { today: TODAY });
    expect(findings.map((f) => `${f.resource.logicalId}:${f.status}`)).toEqual(['Partner:excepted', 'Other:fail']);
  });

  it.each<[string, Json, RegExp]>([
    ['not a list', { requirement: 'NET-2' }, /resource 'Partner' Metadata\.compliance-constructs:exceptions must be a list of exceptions/],
    ['an unknown requirement', [{ ...ENTRY, requirement: 'NET-0' }], /\[0\]: 'NET-0' is not a requirement id/],
    ['no expiry', [{ ...ENTRY, expires: null }], /\[0\]: expires is required/],
  ])('malformed metadata: %s → InputError naming the file and the resource', (_name, entries, message) => {
    expect(problem(() => checkStackTemplates(stack(entries), {}, { today: TODAY }))).toMatch(new RegExp(`^cdk\\.out/Web\\.template\\.json: .*${message.source}`));
  });
});
