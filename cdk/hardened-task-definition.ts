/**
 * An ECS task definition whose containers run unprivileged, as a non-root user, on a read-only
 * root file system, and mount only the folders the task declares.
 */
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import { LeastPrivilegeRole } from './least-privilege-role';
import { RetainedLogGroup } from './retained-log-group';

/** Props of a {@link HardenedTaskDefinition}. */
export interface HardenedTaskDefinitionProps {
  /**
   * Where the task runs.
   * @default ecs.Compatibility.FARGATE
   */
  readonly compatibility?: ecs.Compatibility;
  /**
   * CPU units.
   * @default '256'
   */
  readonly cpu?: string;
  /**
   * Memory in MiB.
   * @default '512'
   */
  readonly memoryMiB?: string;
  /**
   * Host folders the task may mount, by absolute path (HOST-5: containers mount only the folders
   * they need). A volume with any other host path is refused, and `/` and the Docker socket
   * always are.
   * @default none
   */
  readonly allowedHostPaths?: readonly string[];
  /**
   * The role the containers' code runs with.
   * @default a new LeastPrivilegeRole with no permissions
   */
  readonly taskRole?: iam.IRole;
  /**
   * Where container logs go (LOG-1).
   * @default a new RetainedLogGroup shared by the task's containers
   */
  readonly logGroup?: RetainedLogGroup;
  /**
   * The task family.
   * @default a generated name
   */
  readonly family?: string;
}

/** Host paths no container may mount: the whole host, and the Docker daemon (root on the host). */
const NEVER_MOUNTED: readonly string[] = ['/', '/var/run/docker.sock', '/run/docker.sock'];
const ROOT_USERS: ReadonlySet<string> = new Set(['root', '0', 'root:root', '0:0', 'root:0', '0:root']);
/** Environment variable names that carry secrets (AUTH-3: pass them as `secrets`). */
const SECRET_NAME = /pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential/i;

/**
 * An ECS task definition (Fargate by default) that hardens every container it is given
 * (HOST-5): read-only root file system, never privileged, a non-root user (1000:1000 unless
 * another is named), logs to a retained log group, secrets only through `secrets` (AUTH-3),
 * and host folders only from `allowedHostPaths`. Mount points must name volumes of the task;
 * that is checked at synthesis, when every volume has been declared.
 *
 * @example
 * const task = new HardenedTaskDefinition(this, 'Api');
 * task.addContainer('api', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/api:1.4'), portMappings: [{ containerPort: 8443 }] });
 */
export class HardenedTaskDefinition extends ecs.TaskDefinition {
  /** The log group of the containers. */
  readonly logGroup: RetainedLogGroup;
  private readonly allowedHostPaths: readonly string[];
  private declaredVolumes?: Set<string>;
  private hardenedContainers?: ecs.ContainerDefinition[];

  constructor(scope: Construct, id: string, props: HardenedTaskDefinitionProps = {}) {
    const compatibility = props.compatibility ?? ecs.Compatibility.FARGATE;
    const taskRole = props.taskRole ?? new LeastPrivilegeRole(scope, `${id}TaskRole`, {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: `Task role of ${id}`,
    });
    super(scope, id, {
      compatibility,
      cpu: props.cpu ?? '256',
      memoryMiB: props.memoryMiB ?? '512',
      networkMode: ecs.NetworkMode.AWS_VPC,
      taskRole,
      ...(props.family !== undefined ? { family: props.family } : {}),
    });
    this.allowedHostPaths = props.allowedHostPaths ?? [];
    this.logGroup = props.logGroup ?? new RetainedLogGroup(this, 'Logs');
    this.node.addValidation({ validate: () => this.undeclaredMounts() });
  }

  /**
   * Adds a container, hardened: refused (HOST-5) when it asks for a writable root file system,
   * privileges or root; refused (AUTH-3) when an environment variable's name says it is a secret.
   */
  override addContainer(id: string, props: ecs.ContainerDefinitionOptions): ecs.ContainerDefinition {
    const where = `Container '${id}' of task '${this.node.id}'`;
    if (props.readonlyRootFilesystem === false) {
      throw new ComplianceError('HOST-5', `${where} sets readonlyRootFilesystem: false; containers run on a read-only root file system and mount what they write to.`);
    }
    if (props.privileged === true) {
      throw new ComplianceError('HOST-5', `${where} sets privileged: true; containers never run privileged.`);
    }
    if (props.user !== undefined && ROOT_USERS.has(props.user.trim().toLowerCase())) {
      throw new ComplianceError('HOST-5', `${where} runs as user '${props.user}'; containers run as a non-root user.`);
    }
    const secretName = Object.keys(props.environment ?? {}).find((k) => SECRET_NAME.test(k));
    if (secretName !== undefined) {
      throw new ComplianceError('AUTH-3', `${where} puts ${secretName} in plain environment variables; pass secrets through 'secrets' (Secrets Manager or SSM).`);
    }
    const container = super.addContainer(id, {
      ...props,
      readonlyRootFilesystem: true,
      privileged: false,
      user: props.user ?? '1000:1000',
      logging: props.logging ?? ecs.LogDrivers.awsLogs({ streamPrefix: id, logGroup: this.logGroup }),
    });
    (this.hardenedContainers ??= []).push(container);
    return container;
  }

  /** Declares a volume: a host folder only from `allowedHostPaths`, never `/` or the Docker socket (HOST-5). */
  override addVolume(volume: ecs.Volume): void {
    const path = volume.host?.sourcePath;
    if (path !== undefined) {
      const normalized = path.replace(/\/+$/, '') || '/';
      if (NEVER_MOUNTED.includes(normalized)) {
        throw new ComplianceError('HOST-5', `Task '${this.node.id}' would mount host path ${path}; no container mounts the host's root or its Docker socket.`);
      }
      if (!(this.allowedHostPaths ?? []).includes(normalized)) {
        throw new ComplianceError('HOST-5', `Task '${this.node.id}' would mount host path ${path}, which is not in allowedHostPaths; containers mount only the folders they declare.`);
      }
    }
    (this.declaredVolumes ??= new Set()).add(volume.name);
    super.addVolume(volume);
  }

  private undeclaredMounts(): string[] {
    const declared = this.declaredVolumes ?? new Set<string>();
    return (this.hardenedContainers ?? []).flatMap((c) =>
      c.mountPoints
        .filter((m) => !declared.has(m.sourceVolume))
        .map((m) => `[HOST-5] Container '${c.containerName}' of task '${this.node.id}' mounts volume '${m.sourceVolume}', which the task does not declare; containers mount only the folders they declare.`));
  }
}
