/**
 * A value that cannot be known before deployment (an import, an account-level value, a Pulumi
 * output not yet resolved). Checks that meet one return `unknown`, never a silent pass.
 */
export class Unknown {
  /**
   * @param reason what the value is and why it cannot be known, for the finding's message
   * (`Ref to parameter 'AllowedCidr' with no default`).
   *
   * @example
   * new Unknown("Fn::ImportValue 'shared-vpc-cidr'")
   */
  constructor(readonly reason: string) {}

  toString(): string {
    return `<unknown: ${this.reason}>`;
  }
}

/**
 * Whether `v` is an unknown value (or one of its kinds, such as a reference to another resource).
 *
 * @example
 * isUnknown(new Unknown('import')) // true
 * isUnknown('10.0.0.0/16') // false
 */
export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** A value that is either known or `Unknown`. */
export type Maybe<T> = T | Unknown;
