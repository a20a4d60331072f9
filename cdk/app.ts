/**
 * The example team app that `cdk synth` runs (see cdk.json): a network, a web tier behind an
 * HTTPS load balancer, app hosts, a database, a queue and the team's logs, compliant with the
 * whole policy map by design. The security policy is enforced at synthesis by one line:
 * `Validations.of(app).addPlugins(new SecurityPolicyChecks(app))`.
 *
 * No AWS account is needed: the stacks name a region (load balancer access logs need one) but
 * no account. Choose them with `cdk synth -c region=us-east-1 -c certificateArn=arn:aws:acm:...`.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { SecurityPolicyChecks } from './checks/pack';
import { DATABASE_PORT, DataStack } from './team/data';
import { LogsStack } from './team/logs';
import { NetworkStack } from './team/network';
import { EXAMPLE_CERTIFICATE_ARN, ServiceStack } from './team/service';

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
 * stacks.service.loadBalancer.loadBalancerDnsName;
 */
export function buildTeamStacks(app: App): TeamStacks {
  const certificateArn = app.node.tryGetContext('certificateArn') as string | undefined;
  const env = { region: (app.node.tryGetContext('region') as string | undefined) ?? DEFAULT_REGION };
  const description = (what: string): string => `Example team app: ${what} (compliance-constructs)`;
  const logs = new LogsStack(app, 'TeamLogs', { env, description: description('log groups, log archive, audit trail') });
  const network = new NetworkStack(app, 'TeamNetwork', { env, description: description('network'), flowLogs: logs.flowLogs });
  const data = new DataStack(app, 'TeamData', { env, description: description('database and job queue'), vpc: network.vpc, databaseLogs: logs.databaseLogs });
  const service = new ServiceStack(app, 'TeamService', {
    env,
    description: description('load balancer and app hosts'),
    vpc: network.vpc,
    database: data.database,
    databaseSecurityGroup: data.databaseSecurityGroup,
    databasePort: DATABASE_PORT,
    queue: data.queue,
    dataKey: data.key,
    appLogs: logs.appLogs,
    loadBalancerLogs: logs.loadBalancerLogs,
    certificateArn: certificateArn ?? EXAMPLE_CERTIFICATE_ARN,
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
