/**
 * Authentication facts, provider-neutral: where people sign in with passwords, how machine
 * secrets rotate, values written in infrastructure code that may be secrets, and SSH keys
 * baked into hosts.
 */
import type { ResourceRef } from '../finding';
import type { Maybe } from '../unknown';

/** One setting as the template gives it: the value, and how a message shows where it came from. */
export interface Setting<T> {
  readonly value: Maybe<T>;
  /** `MfaConfiguration is OPTIONAL`, `PasswordPolicy.MinimumLength is not set (8 by default)`. */
  readonly shown: string;
}

/** Character classes a password policy can require. */
export type PasswordCharacterClass = 'symbols' | 'numbers' | 'uppercase' | 'lowercase';

/**
 * A directory where people sign in with a password (Cognito user pool, Identity Platform). Each
 * setting is a list: one entry per `Fn::If` branch, all of which must comply.
 */
export interface PasswordSignInFact {
  readonly kind: 'password-sign-in';
  readonly subject: ResourceRef;
  readonly label: string;
  /** `on` (required), `optional`, or `off`. */
  readonly mfa: ReadonlyArray<Setting<'on' | 'optional' | 'off'>>;
  readonly minimumLength: ReadonlyArray<Setting<number>>;
  /** Whether each character class is required. */
  readonly requires: Readonly<Record<PasswordCharacterClass, ReadonlyArray<Setting<boolean>>>>;
  /** Whether repeated failed sign-ins are blocked (Cognito advanced security `ENFORCED`). */
  readonly lockout: ReadonlyArray<Setting<boolean>>;
}

/** A machine secret and how often it rotates. */
export interface SecretRotationFact {
  readonly kind: 'secret-rotation';
  readonly subject: ResourceRef;
  readonly label: string;
  /**
   * The longest time between two rotations, in days, per `Fn::If` branch; `undefined` when it
   * never rotates.
   */
  readonly rotation: ReadonlyArray<Setting<number | undefined>>;
}

/**
 * A value written in infrastructure code that may be a secret, as far as the template says:
 * literal text (the case to catch), text with parts known only at deploy, a reference to a
 * secret store (fine), a secret of another resource copied in (an access key's secret), a plain
 * parameter, or a value known only at deploy.
 */
export type StoredValue =
  | { readonly kind: 'text'; readonly text: string; /** `the default of parameter 'DbPassword'` */ readonly via?: string }
  | { readonly kind: 'partial'; readonly known: readonly string[]; readonly fromSecretStore: boolean; readonly fromUnknown: boolean; readonly via?: string }
  | { readonly kind: 'secret-store'; readonly what: string }
  | { readonly kind: 'exposed-secret'; readonly what: string }
  | { readonly kind: 'plain-parameter'; readonly parameter: string }
  | { readonly kind: 'resource-id'; readonly what: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** One value of a resource that may hold a secret. */
export interface StoredValueEntry {
  /** The property path: `Environment.Variables.DB_PASSWORD`, `ContainerDefinitions[0].Environment[2]`. */
  readonly where: string;
  /** The name the template gives the value (a property key, a variable name), if any. */
  readonly name?: string;
  readonly value: StoredValue;
}

/** The values of one resource (or parameter, or output) that may hold secrets. */
export interface StoredValuesFact {
  readonly kind: 'stored-values';
  readonly subject: ResourceRef;
  readonly label: string;
  readonly values: readonly StoredValueEntry[];
}

/** An SSH key pair given to hosts at launch. */
export interface SshKeyFact {
  readonly kind: 'ssh-key';
  readonly subject: ResourceRef;
  readonly label: string;
  /** One entry per place (and `Fn::If` branch) that names a key: the key's name, or unknown. */
  readonly keys: ReadonlyArray<{ readonly where: string; readonly key: Maybe<string> }>;
}

/**
 * A setting of how people reach a host's shell (SSH-1).
 *
 * @example
 * const s: HostAccessSetting = 'serial-port-off';
 */
export type HostAccessSetting = 'os-login' | 'serial-port-off';

/**
 * How people reach the shell of a host or host template: through the cloud identity (OS Login,
 * with which metadata SSH keys, project-wide ones included, are ignored), and not through the
 * interactive serial console.
 *
 * @example
 * const f: HostAccessFact = { kind: 'host-access', subject, label: "Instance 'web'", settings: [
 *   { setting: 'os-login', holds: false, why: 'metadata enable-oslogin is FALSE' },
 * ] };
 */
export interface HostAccessFact {
  readonly kind: 'host-access';
  readonly subject: ResourceRef;
  readonly label: string;
  readonly settings: ReadonlyArray<{ readonly setting: HostAccessSetting; readonly holds: Maybe<boolean>; readonly why: string }>;
}

/** Every authentication fact. */
export type AuthFactKind = PasswordSignInFact | SecretRotationFact | StoredValuesFact | SshKeyFact | HostAccessFact;
