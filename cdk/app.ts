/**
 * The example team app that `cdk synth` runs (see cdk.json), composed of the secure-by-default
 * constructs: a network, a web tier behind an HTTPS load balancer, app hosts, a worker, a
 * database, a queue, a user pool and the team's logs. It passes the whole policy and cdk-nag's
 * AwsSolutions. The security policy is enforced at synthesis by one line:
 * `Validations.of(app).addPlugins(new SecurityPolicyChecks(app))`.
 *
 * No AWS account is needed: the stacks name a region (load balancer access logs need one) but
 * no account. Choose them with `cdk synth -c region=us-east-1 -c certificateArn=arn:aws:acm:...`
 * (and `-c workerImage=...` for the worker's image).
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { SecurityPolicyChecks } from './checks/pack';
import { DataStack } from './team/data';
import { LogsStack } from './team/logs';
import { NetworkStack } from './team/network';
import { EXAMPLE_CERTIFICATE_ARN, EXAMPLE_WORKER_IMAGE, ServiceStack } from './team/service';

/**
 * The region of the stacks when the app is given none (`-c region=...`).
 *
 * @example
 * new App({ context: { region: DEFAULT_REGION } });
 */
export const DEFAULT_REGION = 'eu-west-1';

/**
 * The stacks of the example app.
 *
 * @example
 * const { service }: TeamStacks = buildTeamStacks(new App());
 */
export interface TeamStacks {
  readonly logs: LogsStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly service: ServiceStack;
}

/**
 * Adds the team's stacks to an app.
 *
 * @example
 * const stacks = buildTeamStacks(new App());
 * stacks.service.web.loadBalancer.loadBalancerDnsName;
 */
export function buildTeamStacks(app: App): TeamStacks {
  const context = (key: string): string | undefined => app.node.tryGetContext(key) as string | undefined;
  const env = { region: context('region') ?? DEFAULT_REGION };
  const description = (what: string): string => `Example team app: ${what} (compliance-constructs)`;
  const logs = new LogsStack(app, 'TeamLogs', { env, description: description('log archive, log groups, audit trail') });
  const network = new NetworkStack(app, 'TeamNetwork', { env, description: description('network'), flowLogs: logs.flowLogs, archive: logs.archive });
  const data = new DataStack(app, 'TeamData', { env, description: description('database and job queue'), vpc: network.vpc });
  const service = new ServiceStack(app, 'TeamService', {
    env,
    description: description('load balancer, app hosts, worker and user pool'),
    vpc: network.vpc,
    database: data.database,
    queue: data.queue,
    dataKey: data.key,
    appLogs: logs.appLogs,
    loadBalancerLogs: logs.loadBalancerLogs,
    certificateArn: context('certificateArn') ?? EXAMPLE_CERTIFICATE_ARN,
    workerImage: context('workerImage') ?? EXAMPLE_WORKER_IMAGE,
  });
  return { logs, network, data, service };
}

/**
 * The app as `cdk synth` runs it: the team's stacks, checked against the security policy.
 *
 * @example
 * buildApp().synth(); // fails on a P0 or P1 finding, writes cdk.out/compliance-report.*
 */
export function buildApp(app: App = new App()): App {
  Validations.of(app).addPlugins(new SecurityPolicyChecks(app));
  buildTeamStacks(app);
  return app;
}

/**
 * The top-level stacks of an app, for tests and tools.
 *
 * @example
 * stacksOf(buildApp()).map((s) => s.stackName) // ['TeamLogs', 'TeamNetwork', 'TeamData', 'TeamService']
 */
export function stacksOf(app: App): Stack[] {
  return app.node.children.filter((c): c is Stack => Stack.isStack(c));
}

if (require.main === module) {
  buildApp().synth();
}
