/**
 * `compliance-constructs/cdk`: the AWS face. Secure-by-default constructs whose output
 * complies with the security policy, and what they are built on.
 */
export * from './rotating-key';
export * from './retained-log-group';
export * from './log-archive-bucket';
export * from './audit-trail';
export * from './api-access-log-format';
export * from './declared-traffic';
export * from './connected-security-group';
export * from './secure-vpc';
export * from './statement-judgement';
export * from './least-privilege-role';
export * from './host-baseline';
export * from './hardened-instance';
export * from './hardened-auto-scaling-group';
export * from './encrypted-volume';
export * from './tls-load-balancer';
export * from './secure-bucket';
export * from './secure-database';
export * from './account-password-policy';
export * from './secure-user-pool';
export * from './hardened-task-definition';
export * from './hardened-fargate-service';
