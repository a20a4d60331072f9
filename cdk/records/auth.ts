/**
 * CloudFormation authentication resources -> facts: Cognito user pools (MFA, password policy,
 * lockout), Secrets Manager secrets and their rotation schedules, and SSH key pairs given to
 * instances, launch templates and configurations, node groups and clusters.
 */
import type { PasswordCharacterClass, PasswordSignInFact, SecretRotationFact, Setting, SshKeyFact } from '../../constructs/facts/auth';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown, Unknown } from '../../constructs/unknown';
import type { TemplateContext } from './context';
import { valuesAt } from './paths';
import { describeValue, isObject, possibleValues, readNumber, readString } from './read';
import { longestInterval } from './schedule';
import { parameterOf } from './unknowns';
import { Reference, Value } from './values';

const USER_POOL = 'AWS::Cognito::UserPool';
const SECRET = 'AWS::SecretsManager::Secret';
const ROTATION = 'AWS::SecretsManager::RotationSchedule';

/** Where each host type names its SSH key pair. `*` steps into each item of a list. */
const SSH_KEY_PATHS: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  'AWS::EC2::Instance': [['KeyName']],
  'AWS::EC2::LaunchTemplate': [['LaunchTemplateData', 'KeyName']],
  'AWS::AutoScaling::LaunchConfiguration': [['KeyName']],
  'AWS::EKS::Nodegroup': [['RemoteAccess', 'Ec2SshKey']],
  'AWS::EMR::Cluster': [['Instances', 'Ec2KeyName']],
  'AWS::Batch::ComputeEnvironment': [['ComputeResources', 'Ec2KeyPair']],
  'AWS::EC2::SpotFleet': [['SpotFleetRequestConfigData', 'LaunchSpecifications', '*', 'KeyName']],
  'AWS::ImageBuilder::InfrastructureConfiguration': [['KeyPair']],
};

/** The resource types this file reads, and what it judges them for. */
export const AUTH_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = {
  [USER_POOL]: ['AUTH-1'],
  [SECRET]: ['AUTH-2'],
  [ROTATION]: ['AUTH-2'],
  ...Object.fromEntries(Object.keys(SSH_KEY_PATHS).map((t): [string, readonly RequirementId[]] => [t, ['SSH-1']])),
};

type AuthFactOut = PasswordSignInFact | SecretRotationFact | SshKeyFact;

/**
 * Every AUTH-1, AUTH-2 and SSH-1 fact of a template.
 *
 * @example
 * authFacts(new TemplateContext(template)).filter((f) => f.kind === 'ssh-key')
 */
export function authFacts(ctx: TemplateContext): AuthFactOut[] {
  const out: AuthFactOut[] = [];
  for (const id of ctx.ofType(USER_POOL)) out.push(userPool(ctx, id));
  const schedules = scheduleIndex(ctx);
  for (const id of ctx.ofType(SECRET)) out.push(secret(ctx, id, schedules));
  for (const id of ctx.logicalIds()) {
    const paths = SSH_KEY_PATHS[ctx.typeOf(id) as string];
    if (paths) {
      const fact = sshKeys(ctx, id, paths);
      if (fact) out.push(fact);
    }
  }
  return out;
}

// ---------------------------------------------------------------- Cognito (AUTH-1)

const CLASS_PROPERTIES: Readonly<Record<PasswordCharacterClass, string>> = {
  symbols: 'RequireSymbols',
  numbers: 'RequireNumbers',
  uppercase: 'RequireUppercase',
  lowercase: 'RequireLowercase',
};

/** Cognito's password policy when the template declares none: 8 characters, every class. */
const COGNITO_DEFAULT_LENGTH = 8;

function userPool(ctx: TemplateContext, id: string): PasswordSignInFact {
  const props = ctx.properties(id);

  const mfa = possibleValues(props.MfaConfiguration).map((v): Setting<'on' | 'optional' | 'off'> => {
    if (v === undefined) return { value: 'off', shown: 'MfaConfiguration is not set (OFF by default)' };
    const text = readString(v);
    if (isUnknown(text) || text === undefined) return { value: text ?? new Unknown('absent'), shown: `MfaConfiguration is ${describeValue(v)}` };
    const value = text.toUpperCase() === 'ON' ? 'on' : text.toUpperCase() === 'OPTIONAL' ? 'optional' : 'off';
    return { value, shown: `MfaConfiguration is ${text}` };
  });

  const policies = valuesAt(props as Value, ['Policies', 'PasswordPolicy']);
  const minimumLength: Array<Setting<number>> = [];
  const requires: Record<PasswordCharacterClass, Array<Setting<boolean>>> = { symbols: [], numbers: [], uppercase: [], lowercase: [] };
  for (const { value: policy } of policies) {
    if (policy === undefined) {
      const shown = 'no PasswordPolicy is declared (Cognito requires 8 characters and every character class by default)';
      minimumLength.push({ value: COGNITO_DEFAULT_LENGTH, shown });
      for (const c of Object.keys(requires) as PasswordCharacterClass[]) requires[c].push({ value: true, shown });
      continue;
    }
    if (!isObject(policy)) {
      const reason = policy instanceof Unknown ? policy : new Unknown(describeValue(policy));
      const shown = `Policies.PasswordPolicy is ${reason.reason}`;
      minimumLength.push({ value: reason, shown });
      for (const c of Object.keys(requires) as PasswordCharacterClass[]) requires[c].push({ value: reason, shown });
      continue;
    }
    for (const v of possibleValues(policy.MinimumLength)) {
      const n = readNumber(v);
      if (n === undefined) minimumLength.push({ value: COGNITO_DEFAULT_LENGTH, shown: 'PasswordPolicy.MinimumLength is not set (8 by default)' });
      else minimumLength.push({ value: n, shown: `PasswordPolicy.MinimumLength is ${isUnknown(n) ? n.reason : n}` });
    }
    for (const c of Object.keys(requires) as PasswordCharacterClass[]) {
      const key = CLASS_PROPERTIES[c];
      for (const v of possibleValues(policy[key])) {
        const b = readFlag(v);
        // Cognito requires every class unless told otherwise (CDK relies on it: it renders only what is set).
        requires[c].push(
          b === undefined
            ? { value: true, shown: `PasswordPolicy.${key} is not set (true by default)` }
            : { value: b, shown: `PasswordPolicy.${key} is ${isUnknown(b) ? b.reason : b}` },
        );
      }
    }
  }

  const lockout = valuesAt(props as Value, ['UserPoolAddOns', 'AdvancedSecurityMode']).map(({ value }): Setting<boolean> => {
    if (value === undefined) return { value: false, shown: 'UserPoolAddOns.AdvancedSecurityMode is not set (OFF), so nothing blocks repeated failed sign-ins' };
    const mode = readString(value);
    if (mode === undefined || isUnknown(mode)) return { value: mode ?? new Unknown('absent'), shown: `UserPoolAddOns.AdvancedSecurityMode is ${describeValue(value)}` };
    if (mode.toUpperCase() === 'ENFORCED') return { value: true, shown: '' };
    const why = mode.toUpperCase() === 'AUDIT' ? ', which only logs risky sign-ins' : '';
    return { value: false, shown: `UserPoolAddOns.AdvancedSecurityMode is ${mode}${why}` };
  });

  return { kind: 'password-sign-in', subject: ctx.ref(id), label: ctx.label(id), mfa, minimumLength, requires, lockout };
}

/** A boolean as CloudFormation accepts it; unknown when not one. */
function readFlag(v: Value | undefined): boolean | Unknown | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return v instanceof Unknown ? v : new Unknown(`${describeValue(v)}, which is not a boolean`);
}

// ---------------------------------------------------------------- Secrets Manager (AUTH-2)

/** The rotation schedules of a template by the secret they name, built once (not once per secret). */
interface ScheduleIndex {
  /** `ref:<logicalId>` or `name:<name>` → schedules, in template order. */
  readonly byTarget: ReadonlyMap<string, readonly string[]>;
  /** Schedules whose secret is known only at deploy. */
  readonly unknown: readonly string[];
  /** Template order, to list a secret's schedules in it. */
  readonly order: ReadonlyMap<string, number>;
}

function scheduleIndex(ctx: TemplateContext): ScheduleIndex {
  const byTarget = new Map<string, string[]>();
  const unknown: string[] = [];
  const order = new Map<string, number>();
  const add = (key: string, s: string): void => {
    const list = byTarget.get(key) ?? [];
    if (!list.includes(s)) list.push(s);
    byTarget.set(key, list);
  };
  ctx.ofType(ROTATION).forEach((s, i) => {
    order.set(s, i);
    for (const target of possibleValues(ctx.properties(s).SecretId).flatMap((t) => throughAttachment(ctx, t))) {
      if (target instanceof Reference) add(`ref:${target.logicalId}`, s);
      else if (typeof target === 'string') {
        // A name, or an ARN ending in `:secret:<name>`.
        add(`name:${target}`, s);
        for (let at = target.indexOf(':secret:'); at >= 0; at = target.indexOf(':secret:', at + 1)) add(`name:${target.slice(at + ':secret:'.length)}`, s);
      } else if (target instanceof Unknown && !unknown.includes(s)) unknown.push(s);
    }
  });
  return { byTarget, unknown, order };
}

function secret(ctx: TemplateContext, id: string, schedules: ScheduleIndex): SecretRotationFact {
  const names = possibleValues(ctx.properties(id).Name).filter((n): n is string => typeof n === 'string');
  const linked = [...new Set([`ref:${id}`, ...names.map((n) => `name:${n}`)].flatMap((k) => schedules.byTarget.get(k) ?? []))]
    .sort((a, b) => (schedules.order.get(a) ?? 0) - (schedules.order.get(b) ?? 0));
  const maybe = schedules.unknown;
  let rotation: Array<Setting<number | undefined>>;
  if (linked.length > 0) {
    rotation = linked.flatMap((s) => scheduleRotation(ctx, s));
  } else if (maybe.length > 0) {
    const s = maybe[0];
    rotation = [{ value: new Unknown('rotation schedule'), shown: `no RotationSchedule names it, but ${ctx.label(s)} rotates a secret given as ${describeValue(ctx.properties(s).SecretId)}` }];
  } else {
    rotation = [{ value: undefined, shown: 'no AWS::SecretsManager::RotationSchedule names it' }];
  }
  return { kind: 'secret-rotation', subject: ctx.ref(id), label: ctx.label(id), rotation };
}

/**
 * The secret a `SecretId` names: `Ref` to a `SecretTargetAttachment` is the ARN of the secret
 * it attaches (CDK's `addRotationSingleUser` rotates through the attachment).
 */
function throughAttachment(ctx: TemplateContext, target: Value | undefined): Array<Value | undefined> {
  if (target instanceof Reference && target.resourceType === 'AWS::SecretsManager::SecretTargetAttachment' && target.attribute === undefined) {
    return possibleValues(ctx.properties(target.logicalId).SecretId);
  }
  return [target];
}

/** The longest interval of one schedule, per Fn::If branch of its rules. */
function scheduleRotation(ctx: TemplateContext, id: string): Array<Setting<number | undefined>> {
  const label = ctx.label(id);
  return possibleValues(ctx.properties(id).RotationRules).flatMap((rules): Array<Setting<number | undefined>> => {
    if (rules === undefined) return [{ value: new Unknown('no RotationRules'), shown: `${label} sets no RotationRules` }];
    if (!isObject(rules)) return [{ value: rules instanceof Unknown ? rules : new Unknown('RotationRules'), shown: `${label} has RotationRules ${describeValue(rules)}` }];
    const out: Array<Setting<number | undefined>> = [];
    if (rules.ScheduleExpression !== undefined) {
      for (const v of possibleValues(rules.ScheduleExpression)) {
        const text = readString(v);
        if (text === undefined) continue;
        if (isUnknown(text)) out.push({ value: text, shown: `the ScheduleExpression of ${label} is ${text.reason}` });
        else out.push({ value: longestInterval(text), shown: `${label} has ScheduleExpression ${text}` });
      }
    }
    if (rules.AutomaticallyAfterDays !== undefined) {
      for (const v of possibleValues(rules.AutomaticallyAfterDays)) {
        const n = readNumber(v);
        if (n === undefined) continue;
        out.push({ value: n, shown: isUnknown(n) ? `the AutomaticallyAfterDays of ${label} is ${n.reason}` : `${label} has AutomaticallyAfterDays ${n}` });
      }
    }
    return out.length > 0 ? out : [{ value: new Unknown('no schedule'), shown: `${label} sets neither ScheduleExpression nor AutomaticallyAfterDays` }];
  });
}

// ---------------------------------------------------------------- SSH keys (SSH-1)

function sshKeys(ctx: TemplateContext, id: string, paths: ReadonlyArray<readonly string[]>): SshKeyFact | undefined {
  const keys: Array<SshKeyFact['keys'][number]> = [];
  for (const path of paths) {
    for (const { where, value } of valuesAt(ctx.properties(id) as Value, path)) {
      const key = keyName(ctx, value);
      if (key !== undefined) keys.push({ where, key });
    }
  }
  return keys.length > 0 ? { kind: 'ssh-key', subject: ctx.ref(id), label: ctx.label(id), keys } : undefined;
}

/** How a message names the key pair, undefined when there is none, unknown when it cannot be told. */
function keyName(ctx: TemplateContext, v: Value | undefined): string | Unknown | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : `'${v}'`;
  if (v instanceof Reference) {
    if (v.resourceType === 'AWS::EC2::KeyPair') {
      const name = ctx.properties(v.logicalId).KeyName;
      return typeof name === 'string' ? `'${name}' from ${ctx.label(v.logicalId)}` : `from ${ctx.label(v.logicalId)}`;
    }
    return `from ${v.reason}`;
  }
  if (v instanceof Unknown) {
    const parameter = parameterOf(v);
    // A parameter of this type must name an existing key pair: it is one, whichever.
    const type = parameter !== undefined ? ctx.template.Parameters?.[parameter]?.Type : undefined;
    if (type === 'AWS::EC2::KeyPair::KeyName') return `from parameter '${parameter}'`;
    return v;
  }
  return new Unknown(describeValue(v));
}
