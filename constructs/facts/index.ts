/**
 * Every kind of fact the checks read. Provider records produce them; checks consume them.
 */
import type { AuthFactKind } from './auth';
import type { IdentityFactKind } from './identity';
import type { NetworkFactKind } from './network';
import type { EncryptionFactKind } from './encryption';
import type { TransportFactKind } from './transport';
import type { LoggingFactKind } from './logging';
import type { HostFactKind } from './host';
import type { DeployFactKind } from './deploy';

export * from './auth';
export * from './identity';
export * from './network';
export * from './encryption';
export * from './transport';
export * from './logging';
export * from './host';
export * from './deploy';

/** Any fact. Each kind is bound to the checks that read it in `checks/index.ts`. */
export type Fact =
  | NetworkFactKind
  | EncryptionFactKind
  | TransportFactKind
  | IdentityFactKind
  | AuthFactKind
  | LoggingFactKind
  | HostFactKind
  | DeployFactKind;

/** The fact of one kind. */
export type FactOfKind<K extends Fact['kind']> = Extract<Fact, { kind: K }>;
