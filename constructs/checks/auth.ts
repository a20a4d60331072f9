/**
 * AUTH-1 and AUTH-2, "Password Policies": 2FA, passwords of at least 8 characters with
 * letters, numbers and symbols, lockout after repeated failures, rotation every 90 days.
 */
import type { PasswordCharacterClass, PasswordSignInFact, SecretRotationFact, Setting } from '../facts/auth';
import type { Finding } from '../finding';
import { isUnknown } from '../unknown';
import type { CheckContext } from './context';

/**
 * AUTH-1 over a directory where people sign in with passwords: MFA required, a password policy
 * at least as strict as the options (8 characters, symbols, numbers, upper and lower case by
 * default), and lockout of repeated failed sign-ins. Every `Fn::If` branch must comply.
 *
 * @example
 * checkPasswordSignIn(userPoolFact, checkContext({ passwordMinimumLength: 12 }))
 */
export function checkPasswordSignIn(fact: PasswordSignInFact, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  function add<T>(detail: string, failing: string, unknown: string, settings: ReadonlyArray<Setting<T>>, bad: (v: T) => boolean): void {
    for (const s of settings) {
      if (isUnknown(s.value)) {
        findings.push(ctx.finding('AUTH-1', fact.subject, { status: 'unknown', message: `${unknown}: ${s.shown}.`, detail }));
      } else if (bad(s.value)) {
        findings.push(ctx.finding('AUTH-1', fact.subject, { message: `${failing}: ${s.shown}.`, detail }));
      }
    }
  }
  add('mfa', `${fact.label} does not require MFA`, `whether ${fact.label} requires MFA`, fact.mfa, (v) => v !== 'on');
  const min = ctx.options.passwordMinimumLength;
  add(
    'password minimum length',
    `${fact.label} accepts passwords shorter than ${min} characters`,
    `whether ${fact.label} requires passwords of at least ${min} characters`,
    fact.minimumLength,
    (v) => v < min,
  );
  for (const cls of ctx.options.passwordCharacterClasses) {
    add(
      `password requires ${cls}`,
      `${fact.label} does not require ${describeClass(cls)} in passwords`,
      `whether ${fact.label} requires ${describeClass(cls)} in passwords`,
      fact.requires[cls],
      (v) => !v,
    );
  }
  add('lockout', `${fact.label} does not lock out repeated failed sign-ins`, `whether ${fact.label} locks out repeated failed sign-ins`, fact.lockout, (v) => !v);
  return findings;
}

/**
 * AUTH-2: a machine secret rotates at least every `secretRotationDays` (90 by default).
 *
 * @example
 * checkSecretRotation({ kind: 'secret-rotation', subject, label: "Secret 'Db'", rotation: [{ value: undefined, shown: 'no RotationSchedule names it' }] }, ctx)
 */
export function checkSecretRotation(fact: SecretRotationFact, ctx: CheckContext): Finding[] {
  const max = ctx.options.secretRotationDays;
  const findings: Finding[] = [];
  for (const s of fact.rotation) {
    if (isUnknown(s.value)) {
      findings.push(ctx.finding('AUTH-2', fact.subject, { status: 'unknown', message: `whether ${fact.label} rotates at least every ${max} days: ${s.shown}.`, detail: 'rotation' }));
    } else if (s.value === undefined) {
      findings.push(ctx.finding('AUTH-2', fact.subject, { message: `${fact.label} is never rotated: ${s.shown}.`, detail: 'rotation' }));
    } else if (s.value > max) {
      findings.push(
        ctx.finding('AUTH-2', fact.subject, {
          message: `${fact.label} goes up to ${formatDays(s.value)} between rotations, more than ${max}: ${s.shown}.`,
          detail: 'rotation',
        }),
      );
    }
  }
  return findings;
}

function describeClass(c: PasswordCharacterClass): string {
  return { symbols: 'symbols', numbers: 'numbers', uppercase: 'uppercase letters', lowercase: 'lowercase letters' }[c];
}

function formatDays(days: number): string {
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}
