/**
 * GCP sign-in and machine secrets -> authentication facts: Identity Platform password sign-in
 * (AUTH-1) and Secret Manager rotation (AUTH-2).
 */
import type { PasswordSignInFact, SecretRotationFact, Setting } from '../../constructs/facts/auth';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import { durationDays } from './encryption';
import type { ProgramContext } from './program';
import { at, readBoolean, readString } from './read';
import type { PulumiResource } from './resource';
import { GCP } from './types';

/**
 * The GCP types this file reads, and what it judges them for.
 *
 * @example
 * GCP_AUTH_BINDINGS['gcp:secretmanager/secret:Secret'] // ['AUTH-2']
 */
export const GCP_AUTH_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = {
  [GCP.identityPlatformConfig]: ['AUTH-1'],
  [GCP.secret]: ['AUTH-2'],
};

/**
 * Every AUTH-1 and AUTH-2 fact of a program.
 *
 * @example
 * gcpAuthFacts(new ProgramContext(resources)).filter((f) => f.kind === 'secret-rotation')
 */
export function gcpAuthFacts(program: ProgramContext): Array<PasswordSignInFact | SecretRotationFact> {
  return [
    ...program.ofType(GCP.identityPlatformConfig).flatMap((c) => signIn(program, c)),
    ...program.ofType(GCP.secret).map((s) => rotation(program, s)),
  ];
}

/**
 * AUTH-1 for Identity Platform, where people sign in with an email and a password. MFA is
 * `mfa.state` (MANDATORY is required; ENABLED leaves it optional). The provider cannot set the
 * project's password policy, so its strength cannot be verified from the program. Identity
 * Platform blocks an account for a while after repeated failed sign-ins.
 */
function signIn(program: ProgramContext, c: PulumiResource): PasswordSignInFact[] {
  const email = readBoolean(at(c.inputs, 'signIn', 'email', 'enabled'));
  const required = readBoolean(at(c.inputs, 'signIn', 'email', 'passwordRequired'));
  // Email links without a password, or no email sign-in at all: nobody signs in with a password.
  if (email === false || email === undefined || required === false) return [];
  const uncertain = isUnknown(email) ? email : isUnknown(required) ? required : undefined;
  const state = readString(at(c.inputs, 'mfa', 'state'));
  const mfa: Setting<'on' | 'optional' | 'off'> = isUnknown(state)
    ? { value: state, shown: `mfa.state is ${state.reason}` }
    : state === undefined
      ? { value: 'off', shown: 'mfa.state is not set (DISABLED by default)' }
      : { value: state.toUpperCase() === 'MANDATORY' ? 'on' : state.toUpperCase() === 'ENABLED' ? 'optional' : 'off', shown: `mfa.state is ${state}` };
  const policy = 'the password policy (length and character classes) is not part of identityplatform.Config, so the program cannot show one; set it on the project with the Identity Toolkit API and record an exception';
  const unknownPolicy = <T>(): Setting<T> => ({ value: new Unknown(policy), shown: policy });
  const maybe = <T>(s: Setting<T>): Setting<T> => (uncertain ? { value: new Unknown(`whether people sign in with a password is ${uncertain.reason}`), shown: s.shown } : s);
  const classes = (): Array<Setting<boolean>> => [maybe(unknownPolicy<boolean>())];
  return [{
    kind: 'password-sign-in',
    subject: program.ref(c),
    label: program.label(c),
    mfa: [maybe(mfa)],
    minimumLength: [maybe(unknownPolicy<number>())],
    requires: { symbols: classes(), numbers: classes(), uppercase: classes(), lowercase: classes() },
    lockout: [maybe({ value: true, shown: 'Identity Platform blocks an account for a while after repeated failed sign-ins' })],
  }];
}

/** AUTH-2: a Secret Manager secret with a rotation schedule, and its period. */
function rotation(program: ProgramContext, s: PulumiResource): SecretRotationFact {
  const period = readString(at(s.inputs, 'rotation', 'rotationPeriod'));
  let setting: Setting<number | undefined>;
  if (isUnknown(period)) setting = { value: period, shown: `rotation.rotationPeriod is ${period.reason}` };
  else if (period === undefined || period === '') setting = { value: undefined, shown: 'rotation.rotationPeriod is not set' };
  else {
    const days: Maybe<number> = durationDays(period);
    setting = { value: days, shown: `rotation.rotationPeriod is ${period}` };
  }
  return { kind: 'secret-rotation', subject: program.ref(s), label: program.label(s), rotation: [setting] };
}
