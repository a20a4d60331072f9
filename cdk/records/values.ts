/**
 * Values of a CloudFormation template after intrinsic resolution.
 *
 * A resolved value is plain JSON where the template says enough, and otherwise one of the kinds
 * below. Every kind that is not literal extends the core `Unknown`, so code that only asks
 * "is this known?" fails closed without knowing the kinds.
 */
import { Unknown } from '../../constructs/unknown';

/** A resolved template value. */
export type Value =
  | string
  | number
  | boolean
  | null
  | readonly Value[]
  | ValueObject
  | Unknown
  | Choice
  | typeof NO_VALUE;

/** A resolved JSON object. */
export interface ValueObject {
  readonly [key: string]: Value;
}

/**
 * `Ref` or `Fn::GetAtt` to a resource of the same template whose value is not literal:
 * unknown as text, known as identity ("the GroupId of security group WebSG").
 */
export class Reference extends Unknown {
  constructor(
    readonly logicalId: string,
    readonly resourceType: string,
    /** The attribute of `Fn::GetAtt`; undefined for `Ref`. */
    readonly attribute?: string,
  ) {
    super(attribute ? `Fn::GetAtt ${logicalId}.${attribute}` : `Ref ${logicalId}`);
  }
}

/**
 * A dynamic reference to a secret store (`{{resolve:secretsmanager:...}}`,
 * `{{resolve:ssm-secure:...}}`) or a `NoEcho` parameter: unknown, and not plaintext.
 */
export class SecretReference extends Unknown {
  constructor(readonly text: string) {
    super(`secret reference ${text}`);
  }
}

/**
 * `Fn::ImportValue` of another stack's export: unknown within one template, but an app-level
 * record can look the export up in the stack that declares it (`Outputs.*.Export.Name`).
 *
 * @example
 * resolver.resolve({ 'Fn::ImportValue': 'Logging:Bucket' }) // ImportedValue { exportName: 'Logging:Bucket' }
 */
export class ImportedValue extends Unknown {
  constructor(
    /** The export name, when the template spells it out. */
    readonly exportName: string | undefined,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * A pseudo parameter (`AWS::Region`, `AWS::StackName`, ...): known only at deploy, but always an
 * identifier chosen by AWS or the deployer, never text such as a command.
 *
 * @example
 * resolver.resolve({ Ref: 'AWS::Region' }) // PseudoParameter { name: 'AWS::Region' }
 */
export class PseudoParameter extends Unknown {
  constructor(readonly name: string) {
    super(`${name}, known only at deploy`);
  }
}

/**
 * A string of which only some parts are known, such as
 * `arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess`.
 */
export class PartialString extends Unknown {
  constructor(readonly parts: ReadonlyArray<string | Unknown>) {
    super(`partly unknown string '${parts.map((p) => (typeof p === 'string' ? p : '${?}')).join('')}'`);
  }

  /** The known text with `*` for each unknown part, for pattern matching. */
  pattern(): string {
    return this.parts.map((p) => (typeof p === 'string' ? p : '*')).join('');
  }
}

/**
 * The branches of `Fn::If` (or the allowed values of a parameter): any of them may be deployed,
 * so all of them must comply.
 */
export class Choice {
  constructor(readonly options: readonly Value[]) {}
}

/** `AWS::NoValue`: the property is absent. Appears only as an option of a `Choice`. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
