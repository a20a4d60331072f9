/**
 * Host facts, provider-neutral: how hosts are patched and protected, what their metadata
 * service allows, whether images are scanned, and how containers reach the host's files.
 */
import type { ResourceRef } from '../finding';
import type { Maybe } from '../unknown';

/** Whether something in the program provides a safeguard, and how or why not. */
export interface Safeguard {
  readonly provided: Maybe<boolean>;
  /** When provided, what provides it; otherwise what is missing, for the message. */
  readonly why: string;
}

/** A host or a group of identical hosts (an instance, an auto scaling group, a managed instance group). */
export interface HostCareFact {
  readonly kind: 'host-care';
  readonly subject: ResourceRef;
  readonly label: string;
  /** Automatic security updates (HOST-1). */
  readonly updates: Safeguard;
  /** ClamAV with refreshed signatures (HOST-3). */
  readonly antivirus: Safeguard;
}

/** A host or host template and its instance metadata service (HOST-4). */
export interface InstanceMetadataFact {
  readonly kind: 'instance-metadata';
  readonly subject: ResourceRef;
  readonly label: string;
  /** Whether the metadata service answers only requests with a session token (or is off). */
  readonly tokensRequired: Maybe<boolean>;
  /** The property and its value: `MetadataOptions.HttpTokens is optional`. */
  readonly why: string;
  /**
   * What protects the metadata service where it is not a session token, for messages (GKE:
   * metadata concealment from pods).
   * @default IMDSv2 session tokens
   */
  readonly protection?: { readonly fails: string; readonly whether: string };
}

/** An image registry or a host fleet, and whether it is scanned for vulnerabilities (HOST-2). */
export interface VulnerabilityScanFact {
  readonly kind: 'vulnerability-scan';
  readonly subject: ResourceRef;
  readonly label: string;
  readonly scanned: Maybe<boolean>;
  readonly why: string;
}

/** A folder of the host that a container mounts. */
export interface HostMount {
  /** Where it is declared: `Volumes[0] 'docker' at MountPoints[1]`. */
  readonly where: string;
  readonly hostPath: Maybe<string>;
  readonly readOnly: Maybe<boolean>;
}

/** One container of a task or pod, and what of the host it can reach. */
export interface ContainerSpec {
  readonly name: string;
  readonly privileged: Maybe<boolean>;
  readonly readOnlyRoot: Maybe<boolean>;
  readonly hostMounts: readonly HostMount[];
  /** Linux capabilities added to the default set, upper case without `CAP_`. */
  readonly addedCapabilities: Maybe<readonly string[]>;
  /** The property names, for messages: `Privileged`, `ReadonlyRootFilesystem`, `LinuxParameters.Capabilities.Add`. */
  readonly properties: { readonly privileged: string; readonly readOnlyRoot: string; readonly capabilities: string };
}

/** A container task or pod definition (HOST-5). */
export interface ContainerIsolationFact {
  readonly kind: 'container-isolation';
  readonly subject: ResourceRef;
  readonly label: string;
  readonly containers: readonly ContainerSpec[];
  /** Whether the containers share the host's process namespace (and so its `/proc`). */
  readonly hostProcesses: Maybe<boolean>;
  /** Why the containers could not be read at all, when they could not. */
  readonly unreadable?: string;
}

/** Every host fact. */
export type HostFactKind = HostCareFact | InstanceMetadataFact | VulnerabilityScanFact | ContainerIsolationFact;
