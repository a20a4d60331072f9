/**
 * CloudFormation hosts and images across an app: instance metadata (HOST-4), judged on launch
 * templates and configurations and on hosts that set their own or use one defined elsewhere,
 * and vulnerability scanning of images and hosts (HOST-2): ECR repositories, the registry
 * scanning configuration, and Inspector enablement that a template manages.
 */
import type { InstanceMetadataFact, VulnerabilityScanFact } from '../../constructs/facts/host';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { AppContext, AppResource } from './app-context';
import { ASG, describeTarget, INSTANCE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, launchSources } from './launch';
import { describeValue, isObject, possibleValues, readBoolean, readString } from './read';
import { PartialString, Value } from './values';

const REPOSITORY = 'AWS::ECR::Repository';
const REGISTRY_SCANNING = 'AWS::ECR::RegistryScanningConfiguration';
const SDK_CALL = 'Custom::AWS';

/** The resource types the host records read (with `host-care.ts`, `containers.ts` and `deploy.ts`), and what they are judged for. */
export const HOST_BINDINGS = {
  [INSTANCE]: ['HOST-1', 'HOST-3', 'HOST-4'],
  [ASG]: ['HOST-1', 'HOST-3', 'HOST-4', 'DEPLOY-1'],
  [LAUNCH_TEMPLATE]: ['HOST-4'],
  [LAUNCH_CONFIGURATION]: ['HOST-4'],
  [REPOSITORY]: ['HOST-2'],
  [REGISTRY_SCANNING]: ['HOST-2'],
  [SDK_CALL]: ['HOST-2'],
  'AWS::ECS::TaskDefinition': ['HOST-5'],
  'AWS::Batch::JobDefinition': ['HOST-5'],
  'AWS::ECS::Service': ['DEPLOY-1'],
} as const;

/**
 * The HOST-2 and HOST-4 facts of an app.
 *
 * @example
 * hostFacts(new AppContext([ctx])).filter((f) => f.kind === 'instance-metadata')
 */
export function hostFacts(app: AppContext): Array<InstanceMetadataFact | VulnerabilityScanFact> {
  return [...metadataFacts(app), ...repositoryFacts(app), ...inspectorFacts(app)];
}

// ---------------------------------------------------------------- HOST-4

function metadataFacts(app: AppContext): InstanceMetadataFact[] {
  const out: InstanceMetadataFact[] = [];
  const add = (r: AppResource, tokensRequired: Maybe<boolean>, why: string): void => {
    out.push({ kind: 'instance-metadata', subject: r.ctx.ref(r.logicalId), label: r.ctx.label(r.logicalId), tokensRequired, why });
  };
  for (const lt of app.ofType(LAUNCH_TEMPLATE)) {
    for (const data of possibleValues(lt.ctx.properties(lt.logicalId).LaunchTemplateData)) {
      if (!isObject(data)) add(lt, new Unknown(`LaunchTemplateData is ${describeValue(data)}`), '');
      else for (const [v, why] of judgeMetadata(data.MetadataOptions, 'LaunchTemplateData.MetadataOptions')) add(lt, v, why);
    }
  }
  for (const lc of app.ofType(LAUNCH_CONFIGURATION)) {
    for (const [v, why] of judgeMetadata(lc.ctx.properties(lc.logicalId).MetadataOptions, 'MetadataOptions')) add(lc, v, why);
  }
  for (const host of [...app.ofType(INSTANCE), ...app.ofType(ASG)]) {
    const own = host.ctx.properties(host.logicalId).MetadataOptions;
    const ownTokens = isObject(own) ? own.HttpTokens ?? own.HttpEndpoint : own;
    const sources = launchSources(app, host);
    if (ownTokens !== undefined || (sources.length === 0 && host.ctx.typeOf(host.logicalId) === INSTANCE)) {
      for (const [v, why] of judgeMetadata(own, 'MetadataOptions')) add(host, v, why);
      continue;
    }
    // Judged through its launch template or configuration; one outside the app cannot be read.
    for (const s of sources) {
      if (s.kind === 'resource' && [LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION].includes(s.resource.ctx.typeOf(s.resource.logicalId) ?? '')) continue;
      add(host, new Unknown(`it is launched from ${describeTarget(s)}`), '');
    }
  }
  return out;
}

/** HttpEndpoint disabled or HttpTokens required, over every Fn::If branch. */
function judgeMetadata(options: Value | undefined, property: string): Array<[Maybe<boolean>, string]> {
  return possibleValues(options).flatMap((o): Array<[Maybe<boolean>, string]> => {
    if (o === undefined) return [[false, `${property} is not set, so instances answer IMDSv1 unless the AMI or the account default requires tokens`]];
    if (!isObject(o)) return [[new Unknown(`${property} is ${describeValue(o)}`), '']];
    return possibleValues(o.HttpEndpoint).flatMap((endpointV) => possibleValues(o.HttpTokens).map((tokensV): [Maybe<boolean>, string] => {
      const endpoint = readString(endpointV);
      if (endpoint === 'disabled') return [true, ''];
      const tokens = readString(tokensV);
      if (isUnknown(tokens)) return [new Unknown(`${property}.HttpTokens is ${tokens.reason}`), ''];
      if (tokens === 'required') return [true, ''];
      if (isUnknown(endpoint)) return [new Unknown(`${property}.HttpEndpoint is ${endpoint.reason}`), ''];
      if (tokens === undefined) return [false, `${property}.HttpTokens is not set, so instances answer IMDSv1 unless the AMI or the account default requires tokens`];
      return [false, `${property}.HttpTokens is ${tokens}`];
    }));
  });
}

// ---------------------------------------------------------------- HOST-2

/** A registry scanning rule that scans on push or continuously, with its repository filters. */
interface ScanRule {
  readonly config: AppResource;
  readonly filters: readonly string[];
  /** Why a filter of the rule is not literal: the rule may then match fewer repositories than its literal filters say. */
  readonly unknownFilter?: Unknown;
}

function repositoryFacts(app: AppContext): VulnerabilityScanFact[] {
  const registries = app.ofType(REGISTRY_SCANNING);
  const rules: ScanRule[] = [];
  let enhanced: Maybe<boolean> = false;
  let unreadable: Unknown | undefined;
  for (const config of registries) {
    const p = config.ctx.properties(config.logicalId);
    const type = readString(p.ScanType);
    if (isUnknown(type)) unreadable = new Unknown(`ScanType of ${config.ctx.label(config.logicalId)} is ${type.reason}`);
    else if (type === 'ENHANCED') enhanced = true;
    const list = p.Rules;
    if (!Array.isArray(list)) {
      if (list !== undefined) unreadable = new Unknown(`Rules of ${config.ctx.label(config.logicalId)} is ${describeValue(list)}`);
      continue;
    }
    for (const rule of list as readonly Value[]) {
      if (!isObject(rule)) {
        unreadable = new Unknown(`a rule of ${config.ctx.label(config.logicalId)} is ${describeValue(rule)}`);
        continue;
      }
      const frequency = readString(rule.ScanFrequency);
      if (isUnknown(frequency)) unreadable = new Unknown(`ScanFrequency of ${config.ctx.label(config.logicalId)} is ${frequency.reason}`);
      if (frequency !== 'SCAN_ON_PUSH' && frequency !== 'CONTINUOUS_SCAN') continue;
      const filters = Array.isArray(rule.RepositoryFilters) ? (rule.RepositoryFilters as readonly Value[]) : [];
      const texts = filters.map((f) => (isObject(f) ? readString(f.Filter) : undefined));
      const literal = texts.filter((t): t is string => typeof t === 'string');
      if (literal.length < texts.length || (!Array.isArray(rule.RepositoryFilters) && rule.RepositoryFilters !== undefined)) {
        // A filter known only at deploy is not "no filter": the rule may match no repository at all.
        const u = new Unknown(`a repository filter of ${config.ctx.label(config.logicalId)} is not literal`);
        unreadable = u;
        rules.push({ config, filters: literal, unknownFilter: u });
      } else {
        rules.push({ config, filters: literal });
      }
    }
  }
  return app.ofType(REPOSITORY).map((repo) => {
    const p = repo.ctx.properties(repo.logicalId);
    const base = { kind: 'vulnerability-scan' as const, subject: repo.ctx.ref(repo.logicalId), label: repo.ctx.label(repo.logicalId) };
    const name = readString(p.RepositoryName);
    const covered = registryCovers(rules, name);
    if (covered === true) return { ...base, scanned: true, why: '' };
    // With enhanced scanning the registry's rules decide alone; with basic scanning the repository's own setting also counts.
    if (enhanced === true) {
      if (isUnknown(covered)) return { ...base, scanned: covered, why: '' };
      return { ...base, scanned: false, why: `the registry uses enhanced scanning, and no rule of ${registries.map((r) => r.ctx.label(r.logicalId)).join(', ')} that scans on push or continuously matches ${name === undefined ? 'its generated name' : `'${name}'`}` };
    }
    const own = possibleValues(p.ImageScanningConfiguration).map((c) => (isObject(c) ? readBoolean(c.ScanOnPush) : c === undefined ? undefined : new Unknown(`ImageScanningConfiguration is ${describeValue(c)}`)));
    if (own.every((o) => o === true)) return { ...base, scanned: true, why: '' };
    const unknownOwn = own.find(isUnknown);
    if (unknownOwn) return { ...base, scanned: new Unknown(`ImageScanningConfiguration.ScanOnPush is ${unknownOwn.reason}`), why: '' };
    if (isUnknown(covered)) return { ...base, scanned: covered, why: '' };
    if (unreadable) return { ...base, scanned: unreadable, why: '' };
    const setting = own.some((o) => o === false) ? 'ImageScanningConfiguration.ScanOnPush is false' : 'ImageScanningConfiguration.ScanOnPush is not set';
    const registry = registries.length > 0 ? ', and no registry scanning rule matches it' : ', and no AWS::ECR::RegistryScanningConfiguration in the templates checked scans it';
    return { ...base, scanned: false, why: `${setting}${registry}` };
  });
}

/**
 * Whether a registry rule matches a repository name. ECR filters: `*` matches any run of
 * characters; a filter without `*` matches every name that contains it.
 */
function registryCovers(rules: readonly ScanRule[], name: Maybe<string> | undefined): Maybe<boolean> {
  let unknown: Unknown | undefined;
  for (const rule of rules) {
    if ((rule.filters.length === 0 && rule.unknownFilter === undefined) || rule.filters.some((f) => /^\*+$/.test(f))) return true;
    if (rule.unknownFilter !== undefined && (name === undefined || isUnknown(name) || !rule.filters.some((f) => filterMatches(f, name)))) {
      unknown = rule.unknownFilter;
      continue;
    }
    if (name === undefined || isUnknown(name)) {
      unknown = new Unknown(`the repository's name is ${name === undefined ? 'generated at deploy' : name.reason}, and ${rule.config.ctx.label(rule.config.logicalId)} scans only repositories matching ${rule.filters.join(', ')}`);
      continue;
    }
    if (rule.filters.some((f) => filterMatches(f, name))) return true;
  }
  return unknown ?? false;
}

function filterMatches(filter: string, name: string): boolean {
  if (!filter.includes('*')) return name.includes(filter);
  const pattern = filter.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}

/**
 * Inspector enablement managed by a template through an SDK call custom resource (CDK's
 * `AwsCustomResource`): `inspector2:Disable` is a finding, and so is `Enable` that leaves out
 * the EC2 or ECR scans the app's hosts and repositories need.
 */
function inspectorFacts(app: AppContext): VulnerabilityScanFact[] {
  const needs = [
    ...(app.ofType(INSTANCE).length + app.ofType(ASG).length > 0 ? ['EC2'] : []),
    ...(app.ofType(REPOSITORY).length > 0 ? ['ECR'] : []),
  ];
  const out: VulnerabilityScanFact[] = [];
  for (const call of app.ofType(SDK_CALL)) {
    const p = call.ctx.properties(call.logicalId);
    for (const phase of ['Create', 'Update'] as const) {
      const base = { kind: 'vulnerability-scan' as const, subject: call.ctx.ref(call.logicalId), label: call.ctx.label(call.logicalId) };
      const raw = p[phase];
      // A call built around values known only at deploy cannot be parsed, but may still switch Inspector.
      if (raw instanceof PartialString && /inspector2/i.test(raw.pattern())) {
        out.push({ ...base, scanned: new Unknown(`its ${phase} call to Amazon Inspector is built from values known only at deploy`), why: '' });
        continue;
      }
      // A call whose service is known only at deploy may be Amazon Inspector's.
      if ((raw instanceof Unknown && !(raw instanceof PartialString)) || (raw instanceof PartialString && !/"service"\s*:\s*"[^"*]+"/.test(raw.pattern()))) {
        out.push({ ...base, scanned: new Unknown(`its ${phase} call is ${raw.reason}, which may switch Amazon Inspector`), why: '' });
        continue;
      }
      const sdk = parseSdkCall(raw);
      if (!sdk || !/inspector2/i.test(sdk.service)) continue;
      const action = sdk.action.replace(/Command$/, '').toLowerCase();
      if (action === 'disable') {
        out.push({ ...base, scanned: false, why: `its ${phase} call turns Amazon Inspector off (inspector2 ${sdk.action})` });
      } else if (action === 'enable') {
        const types = isObject(sdk.parameters) && Array.isArray(sdk.parameters.resourceTypes) ? (sdk.parameters.resourceTypes as readonly Value[]).map(String) : [];
        const missing = needs.filter((n) => !types.includes(n));
        out.push(missing.length === 0
          ? { ...base, scanned: true, why: '' }
          : { ...base, scanned: false, why: `its ${phase} call enables Amazon Inspector for ${types.join(', ') || 'no resource type'} but not ${missing.join(' or ')}, which the templates run` });
      }
    }
  }
  return out;
}

/** An SDK call of CDK's `AwsCustomResource` (`{"service":...,"action":...,"parameters":...}`, as JSON text or an object). */
function parseSdkCall(v: Value | undefined): { service: string; action: string; parameters: Value | undefined } | undefined {
  let call: Value | undefined = v;
  if (typeof v === 'string') {
    try {
      call = JSON.parse(v) as Value;
    } catch {
      return undefined;
    }
  }
  if (!isObject(call) || typeof call.service !== 'string' || typeof call.action !== 'string') return undefined;
  return { service: call.service, action: call.action, parameters: call.parameters };
}
