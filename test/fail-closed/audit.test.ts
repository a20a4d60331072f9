/**
 * The fail-closed audit: for every requirement of the catalog and every resource type it is
 * bound to (AWS and GCP), a resource whose decisive value cannot be resolved must be reported
 * as "could not be verified" (or, where a fixture says why, as a violation), never pass.
 *
 * Each fixture is first checked to comply with the requirement, so the unknown finding is
 * caused by the decisive value and not by something else in the fixture. A pair without a
 * fixture fails: a new binding must bring its fixture (see `aws-fixtures.ts`, `gcp-fixtures.ts`).
 *
 * The checks run with every store category sensitive (ENC-3), so that the key of every store
 * type is judged.
 */
import { AWS_BINDINGS, checkStackTemplates } from '../../cdk/records';
import type { CfnTemplate } from '../../cdk/records/template';
import { CHECKS } from '../../constructs/checks';
import { STORE_CATEGORIES } from '../../constructs/facts/encryption';
import type { Finding } from '../../constructs/finding';
import type { CheckOptions } from '../../constructs/options';
import { REQUIREMENTS, RequirementId } from '../../constructs/requirements';
import { checkResources, GCP_BINDINGS, readPulumiDocument } from '../../pulumi/records';
import type { Json } from '../cdk/fixtures';
import { AWS_FIXTURES, AwsAuditFixture, CHOSEN_AT_DEPLOY, CHOSEN_PARAMETER, UNRESOLVABLE } from './aws-fixtures';
import { GCP_FIXTURES, GCP_PENDING, GcpAuditFixture, GcpResource, PULUMI_UNKNOWN } from './gcp-fixtures';

const OPTIONS: CheckOptions = { sensitiveStores: [...STORE_CATEGORIES] };

/** Every (requirement, type) pair of a bindings table, in catalog order. */
function pairs(bindings: Readonly<Record<string, readonly RequirementId[]>>): Array<[RequirementId, string]> {
  return REQUIREMENTS.flatMap((r) => Object.keys(bindings).filter((type) => bindings[type].includes(r.id)).map((type): [RequirementId, string] => [r.id, type]));
}

/** A deep copy of `value` with the value at `path` replaced (created where absent). */
function replaced<T extends Json>(value: T, path: ReadonlyArray<string | number>, by: Json): T {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  let at = copy as Record<string, Json> | Json[];
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as keyof typeof at;
    if ((at as Record<string, Json>)[key as string] === undefined || (at as Record<string, Json>)[key as string] === null) (at as Record<string, Json>)[key as string] = {};
    at = (at as Record<string, Json>)[key as string] as Record<string, Json>;
  }
  (at as Record<string, Json>)[path[path.length - 1] as string] = by;
  return copy as T;
}

/** `status` of the findings of `requirement` on `logicalId` (or Pulumi name), with their messages. */
function on(findings: readonly Finding[], requirement: RequirementId, id: string): Array<{ status: string; message: string }> {
  return findings
    .filter((f) => f.requirement === requirement && !f.rule.endsWith('.exception') && (f.resource.logicalId ?? f.resource.name) === id)
    .map((f) => ({ status: f.status, message: f.message }));
}

/** The requirement and those judged by the same checks (NET-1..NET-3 by one, IAM-1..IAM-3 by another). */
function siblings(requirement: RequirementId): RequirementId[] {
  const checks = Object.values(CHECKS).flat() as ReadonlyArray<{ requirements: readonly RequirementId[] }>;
  return [...new Set([requirement, ...checks.filter((c) => c.requirements.includes(requirement)).flatMap((c) => c.requirements)])];
}

// ---------------------------------------------------------------- AWS

function awsFindings(f: AwsAuditFixture, resources: Record<string, Json>): Finding[] {
  const template = { Parameters: { ...CHOSEN_PARAMETER, ...(f.parameters ?? {}) }, Resources: resources } as unknown as CfnTemplate;
  return checkStackTemplates([{ file: 'audit.template.json', stackName: 'Audit', template }], OPTIONS).findings;
}

const AWS_PAIRS = pairs(AWS_BINDINGS);

describe('fail-closed audit on CloudFormation', () => {
  it('covers every requirement the AWS bindings name', () => {
    expect(AWS_PAIRS.length).toBeGreaterThan(200);
  });

  it.each(AWS_PAIRS)('%s on %s: the decisive value unresolvable → could not be verified, never a pass', (requirement, type) => {
    const f = AWS_FIXTURES[type]?.[requirement];
    if (f === undefined) throw new Error(`No fail-closed fixture for ${requirement} on ${type}: add one to test/fail-closed/aws-fixtures.ts`);
    const subject = f.resources.Subject ?? Object.values(f.resources).find((r) => r.Type === type);
    expect(subject?.Type).toBe(type);
    if (f.closedAs === 'fail' || f.decisive.length === 2) expect(f.why).toBeDefined();
    const reportedOn = f.reportedOn ?? f.decisive[0];
    const resources = f.resources as unknown as Record<string, Json>;

    if (f.compliant === false) {
      // No configuration complies: the requirement fails, and the unknown must not make it pass.
      expect(on(awsFindings(f, resources), requirement, reportedOn).map((x) => x.status)).toContain('fail');
      expect(on(awsFindings(f, replaced(resources, f.decisive, f.unknown ?? UNRESOLVABLE)), requirement, reportedOn).length).toBeGreaterThan(0);
      return;
    }
    // The fixture complies: nothing of the requirement on the resource.
    expect(on(awsFindings(f, resources), requirement, reportedOn)).toEqual([]);

    // An import no stack exports: could not be verified (or, where the fixture says why, a violation).
    const imported = on(awsFindings(f, replaced(resources, f.decisive, f.unknown ?? UNRESOLVABLE)), requirement, reportedOn);
    expect(imported.map((x) => x.status)).toEqual(expect.arrayContaining([f.closedAs ?? 'unknown']));
    // A parameter without a default: never a pass (some checks rightly fail it, e.g. a secret from a parameter that is not NoEcho).
    const chosen = on(awsFindings(f, replaced(resources, f.decisive, CHOSEN_AT_DEPLOY)), requirement, reportedOn);
    expect(chosen.length).toBeGreaterThan(0);
  });

  it.each(AWS_PAIRS)('%s on %s: Properties that cannot be read → never a pass', (requirement, type) => {
    const f = AWS_FIXTURES[type]?.[requirement];
    if (f === undefined) return; // reported by the test above
    if (f.propertiesDecide === false) {
      expect(f.why).toBeDefined();
      return;
    }
    const id = Object.keys(f.resources).find((k) => k === 'Subject') ?? (Object.entries(f.resources).find(([, r]) => r.Type === type) as [string, unknown])[0];
    const reportedOn = f.reportedOn ?? f.decisive[0];
    const resources = replaced(f.resources as unknown as Record<string, Json>, [id, 'Properties'], UNRESOLVABLE);
    const findings = awsFindings(f, resources);
    // A check that cannot read a resource may report it once, under the strictest requirement it judges.
    const found = siblings(requirement).flatMap((r) => [...on(findings, r, id), ...(reportedOn !== id ? on(findings, r, reportedOn) : [])]);
    expect(found.length).toBeGreaterThan(0);
  });

  it('has no fixture for a pair that is not bound', () => {
    const stale = Object.entries(AWS_FIXTURES).flatMap(([type, byRequirement]) =>
      Object.keys(byRequirement).filter((r) => !(AWS_BINDINGS[type] ?? []).includes(r as RequirementId)).map((r) => `${r} on ${type}`));
    expect(stale).toEqual([]);
  });
});

// ---------------------------------------------------------------- GCP

function gcpFindings(resources: readonly GcpResource[]): Finding[] {
  const doc = {
    version: 3,
    deployment: {
      resources: resources.map((r) => ({ urn: `urn:pulumi:audit::team::${r.type}::${r.name}`, type: r.type, custom: true, inputs: r.inputs })),
    },
  };
  return checkResources(readPulumiDocument(doc, 'audit.json'), OPTIONS);
}

const GCP_PAIRS = pairs(GCP_BINDINGS);

describe('fail-closed audit on Pulumi GCP', () => {
  it.each(GCP_PAIRS)('%s on %s: the decisive input unknown until deployment → could not be verified, never a pass', (requirement, type) => {
    const f: GcpAuditFixture | undefined = GCP_FIXTURES[type]?.[requirement];
    if (f === undefined) {
      if (GCP_PENDING.includes(`${type} ${requirement}`)) return;
      throw new Error(`No fail-closed fixture for ${requirement} on ${type}: add one to test/fail-closed/gcp-fixtures.ts`);
    }
    expect(f.resources.find((r) => r.name === 'subject')?.type).toBe(type);
    if (f.closedAs === 'fail') expect(f.why).toBeDefined();
    const [name, ...path] = f.decisive;
    const reportedOn = f.reportedOn ?? name;
    const mutated = f.resources.map((r) => (r.name === name ? { ...r, inputs: replaced(r.inputs, path, PULUMI_UNKNOWN) } : r));

    if (f.compliant === false) {
      // No configuration complies: the requirement fails, and the unknown must not make it pass.
      expect(f.why).toBeDefined();
      expect(on(gcpFindings(f.resources), requirement, reportedOn).map((x) => x.status)).toContain('fail');
      expect(on(gcpFindings(mutated), requirement, reportedOn).length).toBeGreaterThan(0);
      return;
    }
    expect(on(gcpFindings(f.resources), requirement, reportedOn)).toEqual([]);

    if (f.reportedAs !== undefined) expect(f.why).toBeDefined();
    const found = on(gcpFindings(mutated), f.reportedAs ?? requirement, reportedOn);
    expect(found.map((x) => x.status)).toEqual(expect.arrayContaining([f.closedAs ?? 'unknown']));
  });

  it('lists no pending pair that has a fixture or is not bound', () => {
    const wrong = GCP_PENDING.filter((p) => {
      const [type, requirement] = p.split(' ');
      return GCP_FIXTURES[type]?.[requirement as RequirementId] !== undefined || !(GCP_BINDINGS[type] ?? []).includes(requirement as RequirementId);
    });
    expect(wrong).toEqual([]);
  });

  it('has no fixture for a pair that is not bound', () => {
    const stale = Object.entries(GCP_FIXTURES).flatMap(([type, byRequirement]) =>
      Object.keys(byRequirement).filter((r) => !(GCP_BINDINGS[type] ?? []).includes(r as RequirementId)).map((r) => `${r} on ${type}`));
    expect(stale).toEqual([]);
  });
});
