/**
 * Happy-path IAM builders: a least-privilege role, statements and documents, mutated one field
 * at a time by the identity tests.
 */
import type { Json, Res } from '../fixtures';

export type Obj = { [k: string]: Json };

/** A policy document of the statements. */
export function doc(...statements: Json[]): Obj {
  return { Version: '2012-10-17', Statement: statements };
}

/** An Allow statement of an identity policy. */
export function allow(action: Json, resource: Json, extra: Obj = {}): Obj {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

/** A statement of a resource policy: Allow `action` to `principal`. */
export function grant(principal: Json, action: Json, resource: Json, extra: Obj = {}): Obj {
  return { Effect: 'Allow', Principal: principal, Action: action, Resource: resource, ...extra };
}

/** The one least-privilege statement of the happy role. */
export const READ_ASSETS = allow('s3:GetObject', 'arn:aws:s3:::assets/*');

/** A Lambda role that may read one bucket. */
export function role(props: Obj = {}): Res {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      Policies: [{ PolicyName: 'App', PolicyDocument: doc(READ_ASSETS) }],
      ...props,
    },
  };
}

/** A role whose inline policy `App` has the statements. */
export function roleWith(...statements: Json[]): Res {
  return role({ Policies: [{ PolicyName: 'App', PolicyDocument: doc(...statements) }] });
}

/** A bucket policy with the statements. */
export function bucketPolicy(...statements: Json[]): Res {
  return { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'assets', PolicyDocument: doc(...statements) } };
}
