/**
 * HOST-1..HOST-5 over CloudFormation, end to end, single templates and apps of several stacks.
 */
import { gzipSync } from 'zlib';
import { findingsOf, Json, Res, template, verdicts } from '../fixtures';
import {
  autoScalingGroup, exported, findingsOfApp, GOOD_SCRIPT, instance, launchTemplate, patchAssociation, stack, taskDefinition,
} from './ops-fixtures';

const BARE = '#!/bin/bash\nyum install -y nginx\nsystemctl enable --now nginx\n';
const IMPORT = { 'Fn::ImportValue': 'not-exported-anywhere' };
const PARAMS = { Parameters: { NoDefault: { Type: 'String' }, Patch: { Type: 'String', Default: 'true' } } };
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const bare = (props: { [k: string]: Json } = {}): Res => instance({ UserData: { 'Fn::Base64': BARE }, ...props });

describe('the happy path', () => {
  it('an instance with unattended upgrades, ClamAV and IMDSv2 → no HOST finding', () => {
    expect(verdicts(findingsOf(template({ Web: instance() })), 'HOST')).toEqual([]);
  });
});

describe('HOST-1: hosts take security updates automatically', () => {
  it.each<[string, Record<string, Res>, string[]]>([
    ['user data installing unattended-upgrades → pass', { Web: instance() }, []],
    ['user data without updates, nothing else → fail', { Web: bare() }, ['HOST-1:fail']],
    ['no user data at all → fail', { Web: instance({ UserData: { Ref: 'AWS::NoValue' } }) }, ['HOST-1:fail']],
    ['an association patching tag Patch=true, the instance tagged so → pass', { Web: bare({ Tags: [{ Key: 'Patch', Value: 'true' }] }), Patch: patchAssociation() }, []],
    ['the instance tagged Patch=false → fail', { Web: bare({ Tags: [{ Key: 'Patch', Value: 'false' }] }), Patch: patchAssociation() }, ['HOST-1:fail']],
    ['the tag value from a parameter defaulting to true → pass', { Web: bare({ Tags: [{ Key: 'Patch', Value: { Ref: 'Patch' } }] }), Patch: patchAssociation() }, []],
    ['the tag value from a parameter with no default → unknown', { Web: bare({ Tags: [{ Key: 'Patch', Value: { Ref: 'NoDefault' } }] }), Patch: patchAssociation() }, ['HOST-1:unknown']],
    ['an association on tag-key Patch → pass', { Web: bare({ Tags: [{ Key: 'Patch', Value: 'x' }] }), Patch: patchAssociation({ Targets: [{ Key: 'tag-key', Values: ['Patch'] }] }) }, []],
    ['an association on the instance id (Ref) → pass', { Web: bare(), Patch: patchAssociation({ Targets: [{ Key: 'InstanceIds', Values: [{ Ref: 'Web' }] }] }) }, []],
    ['an association on every instance (*) → pass', { Web: bare(), Patch: patchAssociation({ Targets: [{ Key: 'InstanceIds', Values: ['*'] }] }) }, []],
    ['an association on another instance → fail', { Web: bare(), Other: instance(), Patch: patchAssociation({ Targets: [{ Key: 'InstanceIds', Values: [{ Ref: 'Other' }] }] }) }, ['HOST-1:fail']],
    ['the legacy InstanceId property → pass', { Web: bare(), Patch: patchAssociation({ Targets: { Ref: 'AWS::NoValue' }, InstanceId: { Ref: 'Web' } }) }, []],
    ['Operation Scan only reports → fail', { Web: bare(), Patch: patchAssociation({ Parameters: { Operation: ['Scan'] }, Targets: [{ Key: 'InstanceIds', Values: ['*'] }] }) }, ['HOST-1:fail']],
    ['no ScheduleExpression patches once → fail', { Web: bare(), Patch: patchAssociation({ ScheduleExpression: { Ref: 'AWS::NoValue' }, Targets: [{ Key: 'InstanceIds', Values: ['*'] }] }) }, ['HOST-1:fail']],
    ['the document by ARN → pass', { Web: bare(), Patch: patchAssociation({ Name: 'arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaseline', Targets: [{ Key: 'InstanceIds', Values: ['*'] }] }) }, []],
    ['a resource group target → unknown', { Web: bare(), Patch: patchAssociation({ Targets: [{ Key: 'resource-groups:Name', Values: ['prod'] }] }) }, ['HOST-1:unknown']],
    ['an instance id from an import → unknown', { Web: bare(), Patch: patchAssociation({ Targets: [{ Key: 'InstanceIds', Values: [IMPORT] }] }) }, ['HOST-1:unknown']],
    ['AWS-RunShellScript enabling unattended-upgrades → pass', { Web: bare(), Script: patchAssociation({ Name: 'AWS-RunShellScript', Parameters: { commands: ['apt-get install -y unattended-upgrades'] }, Targets: [{ Key: 'InstanceIds', Values: ['*'] }] }) }, []],
    ['a document stored outside the templates → unknown', { Web: bare(), Doc: patchAssociation({ Name: 'team-hardening', Targets: [{ Key: 'InstanceIds', Values: ['*'] }] }) }, ['HOST-1:unknown']],
    ['an AWS document that does not patch → fail', { Web: bare(), Inventory: patchAssociation({ Name: 'AWS-GatherSoftwareInventory', Targets: [{ Key: 'InstanceIds', Values: ['*'] }] }) }, ['HOST-1:fail']],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(findingsOf(template(resources, PARAMS)), 'HOST-1')).toEqual(expected);
  });

  it('an association per instance, by id (hundreds of them) → each instance is patched by its own, one without is not', () => {
    const resources: Record<string, Res> = { Lonely: bare() };
    for (let i = 0; i < 300; i++) {
      resources[`Host${i}`] = bare();
      resources[`Patch${i}`] = patchAssociation({ Targets: [{ Key: 'InstanceIds', Values: [{ Ref: `Host${i}` }] }] });
    }
    const failed = findingsOf(template(resources, PARAMS)).filter((f) => f.requirement === 'HOST-1');
    expect(failed.map((f) => `${f.resource.logicalId}:${f.status}`)).toEqual(['Lonely:fail']);
  });

  it('a job naming one instance tells only that instance its near miss; a tag job still reaches every host', () => {
    const resources: Record<string, Res> = {
      Web: bare({ Tags: [{ Key: 'Patch', Value: 'false' }] }),
      Other: bare({ Tags: [{ Key: 'Patch', Value: 'true' }] }),
      Scan: patchAssociation({ Parameters: { Operation: ['Scan'] }, Targets: [{ Key: 'InstanceIds', Values: [{ Ref: 'Web' }] }] }),
      Patch: patchAssociation(),
    };
    const host1 = findingsOf(template(resources, PARAMS)).filter((f) => f.requirement === 'HOST-1');
    expect(host1.map((f) => `${f.resource.logicalId}:${f.status}`)).toEqual(['Web:fail']);
    expect(host1[0].message).toContain('Operation Scan');
  });

  it.each<[string, Json, string[]]>([
    ['a literal base64 string → pass', b64(GOOD_SCRIPT), []],
    ['gzip, then base64 → pass', gzipSync(Buffer.from(GOOD_SCRIPT)).toString('base64'), []],
    ['Fn::Base64 of a Fn::Join with the region → fail (the region is no command)', { 'Fn::Base64': { 'Fn::Join': ['', [BARE, 'echo ', { Ref: 'AWS::Region' }]] } }, ['HOST-1:fail']],
    ['Fn::Base64 of a Fn::Sub with a parameter of no default → unknown', { 'Fn::Base64': { 'Fn::Sub': `${BARE}\${NoDefault}` } }, ['HOST-1:unknown']],
    ['Fn::If between the good script and a bare one → fail', { 'Fn::If': ['C', { 'Fn::Base64': GOOD_SCRIPT }, { 'Fn::Base64': BARE }] }, ['HOST-1:fail']],
    ['text that is not base64 → unknown', 'apt-get install -y unattended-upgrades!', ['HOST-1:unknown']],
    ['MIME multipart with a base64 shell part → pass', {
      'Fn::Base64': `Content-Type: multipart/mixed; boundary="b"\nMIME-Version: 1.0\n\n--b\nContent-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n${b64(GOOD_SCRIPT)}\n--b--\n`,
    }, []],
  ])('user data: %s', (_name, userData, expected) => {
    expect(verdicts(findingsOf(template({ Web: instance({ UserData: userData }) }, PARAMS)), 'HOST-1')).toEqual(expected);
  });

  it('cfn-init metadata applied by the user data → pass; the same metadata never applied → fail', () => {
    const init = { config: { packages: { apt: { 'unattended-upgrades': [] } } } };
    const applied = instance({ UserData: { 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\n/opt/aws/bin/cfn-init -v --region ${AWS::Region} --stack ${AWS::StackName} --resource Web -c default\n' } } });
    const ignored = instance({ UserData: { 'Fn::Base64': BARE } });
    expect(verdicts(findingsOf(template({ Web: { ...applied, Metadata: { 'AWS::CloudFormation::Init': init } } })), 'HOST-1')).toEqual([]);
    expect(verdicts(findingsOf(template({ Web: { ...ignored, Metadata: { 'AWS::CloudFormation::Init': init } } })), 'HOST-1')).toEqual(['HOST-1:fail']);
  });

  describe('auto scaling groups', () => {
    it.each<[string, Record<string, Res>, string[]]>([
      ['launched from a template with the good script → pass', { Lt: launchTemplate(), Asg: autoScalingGroup('Lt') }, []],
      ['launched from a template with a bare script → fail', { Lt: launchTemplate({ UserData: { 'Fn::Base64': BARE } }), Asg: autoScalingGroup('Lt') }, ['HOST-1:fail']],
      ['a propagated tag the association targets → pass', { Lt: launchTemplate({ UserData: { 'Fn::Base64': BARE } }), Asg: autoScalingGroup('Lt', { Tags: [{ Key: 'Patch', Value: 'true', PropagateAtLaunch: true }] }), Patch: patchAssociation() }, []],
      ['the same tag not propagated → fail', { Lt: launchTemplate({ UserData: { 'Fn::Base64': BARE } }), Asg: autoScalingGroup('Lt', { Tags: [{ Key: 'Patch', Value: 'true', PropagateAtLaunch: 'false' }] }), Patch: patchAssociation() }, ['HOST-1:fail']],
      ['an instance tag of the launch template → pass', { Lt: launchTemplate({ UserData: { 'Fn::Base64': BARE }, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Patch', Value: 'true' }] }] }), Asg: autoScalingGroup('Lt'), Patch: patchAssociation() }, []],
      ['instance ids cannot select a group\'s instances → fail', { Lt: launchTemplate({ UserData: { 'Fn::Base64': BARE } }), Asg: autoScalingGroup('Lt'), Patch: patchAssociation({ Targets: [{ Key: 'InstanceIds', Values: [IMPORT] }] }) }, ['HOST-1:fail']],
      ['a launch template from an import → unknown', { Asg: autoScalingGroup('Lt', { LaunchTemplate: { LaunchTemplateId: IMPORT, Version: '1' } }) }, ['HOST-1:unknown']],
      ['a launch configuration with the good script → pass', {
        Lc: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ImageId: 'ami-1', InstanceType: 't3.micro', MetadataOptions: { HttpTokens: 'required' }, UserData: { 'Fn::Base64': GOOD_SCRIPT } } },
        Asg: autoScalingGroup('Lt', { LaunchTemplate: { Ref: 'AWS::NoValue' }, LaunchConfigurationName: { Ref: 'Lc' } }),
      }, []],
    ])('%s', (_name, resources, expected) => {
      expect(verdicts(findingsOf(template(resources)), 'HOST-1')).toEqual(expected);
    });
  });

  it('a maintenance window task through its window target → pass', () => {
    const t = template({
      Web: bare({ Tags: [{ Key: 'Patch', Value: 'true' }] }),
      Window: { Type: 'AWS::SSM::MaintenanceWindow', Properties: { Name: 'w', Schedule: 'cron(0 3 ? * SUN *)', Duration: 2, Cutoff: 1, AllowUnassociatedTargets: false } },
      Target: { Type: 'AWS::SSM::MaintenanceWindowTarget', Properties: { WindowId: { Ref: 'Window' }, ResourceType: 'INSTANCE', Targets: [{ Key: 'tag:Patch', Values: ['true'] }] } },
      Task: {
        Type: 'AWS::SSM::MaintenanceWindowTask',
        Properties: {
          WindowId: { Ref: 'Window' }, TaskArn: 'AWS-RunPatchBaseline', TaskType: 'RUN_COMMAND', Priority: 1,
          Targets: [{ Key: 'WindowTargetIds', Values: [{ Ref: 'Target' }] }],
          TaskInvocationParameters: { MaintenanceWindowRunCommandParameters: { Parameters: { Operation: ['Install'] } } },
        },
      },
    });
    expect(verdicts(findingsOf(t), 'HOST-1')).toEqual([]);
  });

  describe('across stacks', () => {
    it('an association in another stack, on the instance id it imports → pass', () => {
      const web = template({ Web: bare() }, { Outputs: { Id: exported('Web:InstanceId', { Ref: 'Web' }) } });
      const ops = stack({ Patch: patchAssociation({ Targets: [{ Key: 'InstanceIds', Values: [{ 'Fn::ImportValue': 'Web:InstanceId' }] }] }) });
      expect(verdicts(findingsOfApp({ Web: web, Ops: ops }), 'HOST-1')).toEqual([]);
    });

    it('an association in another stack selecting by tag → pass', () => {
      const web = template({ Web: bare({ Tags: [{ Key: 'Patch', Value: 'true' }] }) });
      expect(verdicts(findingsOfApp({ Web: web, Ops: stack({ Patch: patchAssociation() }) }), 'HOST-1')).toEqual([]);
    });

    it('a launch template in another stack, imported → judged through it', () => {
      const shared = stack({ Lt: launchTemplate({ UserData: { 'Fn::Base64': BARE } }) }, { Lt: exported('Shared:Lt', { Ref: 'Lt' }) });
      const web = template({ Asg: autoScalingGroup('Lt', { LaunchTemplate: { LaunchTemplateId: { 'Fn::ImportValue': 'Shared:Lt' }, Version: '1' } }) });
      expect(verdicts(findingsOfApp({ Web: web, Shared: shared }), 'HOST-1')).toEqual(['HOST-1:fail']);
    });
  });

  it('message: says which source lacks what', () => {
    const [f] = findingsOf(template({ Web: bare() })).filter((x) => x.requirement === 'HOST-1');
    expect(f.message).toBe("Instance 'Web' does not take security updates automatically: no SSM association or maintenance window task runs AWS-RunPatchBaseline with Operation Install on it on a schedule, and its user data does not enable unattended-upgrades, dnf-automatic or yum-cron.");
    expect(f).toMatchObject({ severity: 'P2', clause: 'Ubuntu Automatic Security Updates' });
  });

  it('message: names the near misses', () => {
    const t = template({ Web: instance({ UserData: { 'Fn::Base64': 'yum install -y yum-cron\nsystemctl enable yum-cron' } }), Patch: patchAssociation({ Parameters: { Operation: ['Scan'] }, Targets: [{ Key: 'InstanceIds', Values: ['*'] }] }) });
    const [f] = findingsOf(t).filter((x) => x.requirement === 'HOST-1');
    expect(f.message).toMatch(/\(SSM association 'Patch' runs AWS-RunPatchBaseline with Operation Scan, which only reports missing patches; its user data enables yum-cron but leaves apply_updates = no \(the default\), so updates are downloaded, not installed\)\.$/);
  });
});

describe('HOST-3: hosts run ClamAV with updated signatures', () => {
  const doc: Res = {
    Type: 'AWS::SSM::Document',
    Properties: {
      DocumentType: 'Command',
      Content: { schemaVersion: '2.2', mainSteps: [{ action: 'aws:runShellScript', name: 'clam', inputs: { runCommand: ['yum install -y clamav clamav-update', 'freshclam'] } }] },
    },
  };
  const noClam = '#!/bin/bash\napt-get install -y unattended-upgrades\n';
  it.each<[string, Record<string, Res>, string[]]>([
    ['the good script → pass', { Web: instance() }, []],
    ['no ClamAV → fail', { Web: instance({ UserData: { 'Fn::Base64': noClam } }) }, ['HOST-3:fail']],
    ['ClamAV with yum but no freshclam → fail', { Web: instance({ UserData: { 'Fn::Base64': `${noClam}yum install -y clamav\n` } }) }, ['HOST-3:fail']],
    ['an association running a document of the app that installs it → pass', { Web: instance({ UserData: { 'Fn::Base64': noClam } }), Doc: doc, Clam: patchAssociation({ Name: { Ref: 'Doc' }, Parameters: { Ref: 'AWS::NoValue' }, Targets: [{ Key: 'InstanceIds', Values: ['*'] }] }) }, []],
    ['a patch association does not install ClamAV → fail', { Web: instance({ UserData: { 'Fn::Base64': noClam } }), Patch: patchAssociation({ Targets: [{ Key: 'InstanceIds', Values: ['*'] }] }) }, ['HOST-3:fail']],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(findingsOf(template(resources)), 'HOST-3')).toEqual(expected);
  });

  it('message', () => {
    const [f] = findingsOf(template({ Web: instance({ UserData: { 'Fn::Base64': `${noClam}yum install -y clamav\n` } }) })).filter((x) => x.requirement === 'HOST-3');
    expect(f.message).toBe("Instance 'Web' does not run ClamAV with updated signatures: neither its user data nor an SSM association or maintenance window task targeting it installs ClamAV and runs freshclam (its user data installs ClamAV but never runs freshclam, so its signatures go stale).");
    expect(f.severity).toBe('P3');
  });
});

describe('HOST-4: IMDSv2 session tokens', () => {
  it.each<[string, Record<string, Res>, string[]]>([
    ['HttpTokens required → pass', { Web: instance() }, []],
    ['HttpTokens optional → fail', { Web: instance({ MetadataOptions: { HttpTokens: 'optional' } }) }, ['HOST-4:fail']],
    ['no MetadataOptions → fail', { Web: instance({ MetadataOptions: { Ref: 'AWS::NoValue' } }) }, ['HOST-4:fail']],
    ['the endpoint disabled → pass', { Web: instance({ MetadataOptions: { HttpEndpoint: 'disabled' } }) }, []],
    ['Fn::If between required and optional → fail', { Web: instance({ MetadataOptions: { HttpTokens: { 'Fn::If': ['C', 'required', 'optional'] } } }) }, ['HOST-4:fail']],
    ['HttpTokens from a parameter with no default → unknown', { Web: instance({ MetadataOptions: { HttpTokens: { Ref: 'NoDefault' } } }) }, ['HOST-4:unknown']],
    ['a launch template with tokens optional → fail on the template', { Lt: launchTemplate({ MetadataOptions: { HttpTokens: 'optional' } }) }, ['HOST-4:fail']],
    ['an instance launched from a compliant template, without its own options → pass', { Lt: launchTemplate(), Web: instance({ MetadataOptions: { Ref: 'AWS::NoValue' }, LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' } }) }, []],
    ['an instance overriding its template with optional → fail', { Lt: launchTemplate(), Web: instance({ MetadataOptions: { HttpTokens: 'optional' }, LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' } }) }, ['HOST-4:fail']],
    ['an instance launched from an imported template → unknown', { Web: instance({ MetadataOptions: { Ref: 'AWS::NoValue' }, LaunchTemplate: { LaunchTemplateId: IMPORT, Version: '1' } }) }, ['HOST-4:unknown']],
    ['a launch configuration without MetadataOptions → fail', { Lc: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ImageId: 'ami-1', InstanceType: 't3.micro' } } }, ['HOST-4:fail']],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(findingsOf(template(resources, PARAMS)), 'HOST-4')).toEqual(expected);
  });

  it('an instance launched from a template another stack exports is judged through that template', () => {
    const shared = stack({ Lt: launchTemplate({ MetadataOptions: { HttpTokens: 'optional' } }) }, { Lt: exported('Shared:Lt', { Ref: 'Lt' }) });
    const web = template({ Web: instance({ MetadataOptions: { Ref: 'AWS::NoValue' }, LaunchTemplate: { LaunchTemplateId: { 'Fn::ImportValue': 'Shared:Lt' }, Version: '1' } }) });
    const f = findingsOfApp({ Web: web, Shared: shared }).filter((x) => x.requirement === 'HOST-4');
    expect(f.map((x) => `${x.resource.stack}/${x.resource.logicalId}:${x.status}`)).toEqual(['Shared/Lt:fail']);
  });

  it('message', () => {
    const [f] = findingsOf(template({ Web: instance({ MetadataOptions: { HttpTokens: 'optional' } }) })).filter((x) => x.requirement === 'HOST-4');
    expect(f.message).toBe("Instance 'Web' does not require IMDSv2 session tokens: MetadataOptions.HttpTokens is optional.");
  });
});

describe('HOST-2: images and hosts are scanned', () => {
  const repo = (props: { [k: string]: Json } = {}): Res => ({ Type: 'AWS::ECR::Repository', Properties: { RepositoryName: 'team-prod-api', ImageScanningConfiguration: { ScanOnPush: true }, ...props } });
  const registry = (type: string, filters: string[], frequency = 'SCAN_ON_PUSH'): Res => ({
    Type: 'AWS::ECR::RegistryScanningConfiguration',
    Properties: { ScanType: type, Rules: [{ ScanFrequency: frequency, RepositoryFilters: filters.map((f) => ({ Filter: f, FilterType: 'WILDCARD' })) }] },
  });
  const noScan = { ImageScanningConfiguration: { Ref: 'AWS::NoValue' } };
  it.each<[string, Record<string, Res>, string[]]>([
    ['scan on push → pass', { Repo: repo() }, []],
    ['no scanning configuration → fail', { Repo: repo(noScan) }, ['HOST-2:fail']],
    ['ScanOnPush "false" → fail', { Repo: repo({ ImageScanningConfiguration: { ScanOnPush: 'false' } }) }, ['HOST-2:fail']],
    ['ScanOnPush from a parameter with no default → unknown', { Repo: repo({ ImageScanningConfiguration: { ScanOnPush: { Ref: 'NoDefault' } } }) }, ['HOST-2:unknown']],
    ['a registry rule for every repository → pass', { Repo: repo(noScan), Registry: registry('BASIC', ['*']) }, []],
    ['a filter without wildcard matches names that contain it → pass', { Repo: repo(noScan), Registry: registry('ENHANCED', ['prod'], 'CONTINUOUS_SCAN') }, []],
    ['enhanced scanning whose filters miss the repository, despite its ScanOnPush → fail', { Repo: repo(), Registry: registry('ENHANCED', ['dev-*']) }, ['HOST-2:fail']],
    ['a MANUAL rule scans nothing by itself → fail', { Repo: repo(noScan), Registry: registry('BASIC', ['*'], 'MANUAL') }, ['HOST-2:fail']],
    ['a generated repository name against a filtered rule → unknown', { Repo: repo({ ...noScan, RepositoryName: { Ref: 'AWS::NoValue' } }), Registry: registry('ENHANCED', ['prod-*']) }, ['HOST-2:unknown']],
    ['an SDK call turning Inspector off → fail', { Off: { Type: 'Custom::AWS', Properties: { ServiceToken: 'x', Create: '{"service":"Inspector2","action":"disable","parameters":{"resourceTypes":["EC2"]}}' } } }, ['HOST-2:fail']],
    ['Inspector enabled for ECR only while the app runs instances → fail', { Web: instance(), On: { Type: 'Custom::AWS', Properties: { ServiceToken: 'x', Create: '{"service":"Inspector2","action":"enable","parameters":{"resourceTypes":["ECR"]}}' } } }, ['HOST-2:fail']],
    ['an Inspector call built with Fn::Join around a token → unknown', { Call: { Type: 'Custom::AWS', Properties: { ServiceToken: 'x', Create: { 'Fn::Join': ['', ['{"service":"Inspector2","action":"disable","parameters":{"accountIds":["', { Ref: 'AWS::AccountId' }, '"]}}']] } } } }, ['HOST-2:unknown']],
    ['Inspector enabled for EC2 and ECR → pass', { Web: instance(), Repo: repo(), On: { Type: 'Custom::AWS', Properties: { ServiceToken: 'x', Create: '{"service":"@aws-sdk/client-inspector2","action":"EnableCommand","parameters":{"resourceTypes":["EC2","ECR"]}}' } } }, []],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(findingsOf(template(resources, PARAMS)), 'HOST-2')).toEqual(expected);
  });

  it('a registry scanning configuration in another stack covers the repositories of this one', () => {
    const ops = stack({ Registry: registry('BASIC', ['*']) });
    expect(verdicts(findingsOfApp({ Web: template({ Repo: repo(noScan) }), Ops: ops }), 'HOST-2')).toEqual([]);
  });

  it('message', () => {
    const [f] = findingsOf(template({ Repo: repo(noScan) })).filter((x) => x.requirement === 'HOST-2');
    expect(f.message).toBe("ECR repository 'Repo' is not scanned for vulnerabilities: ImageScanningConfiguration.ScanOnPush is not set, and no AWS::ECR::RegistryScanningConfiguration in the templates checked scans it.");
  });
});

describe('HOST-5: containers mount only the folders they need', () => {
  const withVolume = (volume: Json, mount: { [k: string]: Json } = {}): Res => taskDefinition(
    { MountPoints: [{ SourceVolume: 'v', ContainerPath: '/data', ReadOnly: true, ...mount }] },
    { Volumes: [volume] },
  );
  it.each<[string, Res, string[]]>([
    ['unprivileged, read-only root → pass', taskDefinition(), []],
    ['Privileged true → fail', taskDefinition({ Privileged: true }), ['HOST-5:fail']],
    ['Privileged in one Fn::If branch → fail', taskDefinition({ Privileged: { 'Fn::If': ['Debug', true, false] } }), ['HOST-5:fail']],
    ['Privileged from a parameter with no default → unknown', taskDefinition({ Privileged: { Ref: 'NoDefault' } }), ['HOST-5:unknown']],
    ['no ReadonlyRootFilesystem → fail', taskDefinition({ ReadonlyRootFilesystem: { Ref: 'AWS::NoValue' } }), ['HOST-5:fail']],
    ['ReadonlyRootFilesystem "false" → fail', taskDefinition({ ReadonlyRootFilesystem: 'false' }), ['HOST-5:fail']],
    ['the Docker socket mounted → fail', withVolume({ Name: 'v', Host: { SourcePath: '/var/run/docker.sock' } }), ['HOST-5:fail']],
    ['a declared folder mounted read-only → pass', withVolume({ Name: 'v', Host: { SourcePath: '/var/log/app' } }), []],
    ['a folder inside a declared one → pass', withVolume({ Name: 'v', Host: { SourcePath: '/var/log/app/web' } }), []],
    ['a declared folder mounted writable → fail', withVolume({ Name: 'v', Host: { SourcePath: '/var/log/app' } }, { ReadOnly: false }), ['HOST-5:fail']],
    ['a path climbing out of the declared folder → fail', withVolume({ Name: 'v', Host: { SourcePath: '/var/log/app/../../../etc' } }), ['HOST-5:fail']],
    ['a sibling sharing the declared prefix (/var/log/application) → fail', withVolume({ Name: 'v', Host: { SourcePath: '/var/log/application' } }), ['HOST-5:fail']],
    ['a Docker local volume bound to / → fail', withVolume({ Name: 'v', DockerVolumeConfiguration: { Driver: 'local', DriverOpts: { type: 'none', o: 'bind', device: '/' } } }), ['HOST-5:fail']],
    ['a Docker-managed volume (no host path) → pass', withVolume({ Name: 'v', Host: {} }), []],
    ['a host path from a parameter with no default → unknown', withVolume({ Name: 'v', Host: { SourcePath: { Ref: 'NoDefault' } } }), ['HOST-5:unknown']],
    ['adding SYS_ADMIN → fail', taskDefinition({ LinuxParameters: { Capabilities: { Add: ['SYS_ADMIN'] } } }), ['HOST-5:fail']],
    ['adding cap_dac_read_search in lower case → fail', taskDefinition({ LinuxParameters: { Capabilities: { Add: ['cap_dac_read_search'] } } }), ['HOST-5:fail']],
    ['adding NET_BIND_SERVICE → pass', taskDefinition({ LinuxParameters: { Capabilities: { Add: ['NET_BIND_SERVICE'], Drop: ['ALL'] } } }), []],
    ['a host device → fail', taskDefinition({ LinuxParameters: { Devices: [{ HostPath: '/dev/sda', ContainerPath: '/dev/sda' }] } }), ['HOST-5:fail']],
    ['PidMode host → fail', taskDefinition({}, { PidMode: 'host' }), ['HOST-5:fail']],
    ['container definitions from an import → unknown', taskDefinition({}, { ContainerDefinitions: IMPORT }), ['HOST-5:unknown']],
  ])('%s', (_name, task, expected) => {
    expect(verdicts(findingsOf(template({ Task: task }, PARAMS), { containerHostPaths: ['/var/log/app'] }), 'HOST-5')).toEqual(expected);
  });

  it.each<[string, { [k: string]: Json }, string[]]>([
    ['a Batch job unprivileged with a read-only root → pass', { Image: 'x', ReadonlyRootFilesystem: true }, []],
    ['a privileged Batch job mounting / → two findings', {
      Image: 'x', ReadonlyRootFilesystem: true, Privileged: true,
      Volumes: [{ Name: 'root', Host: { SourcePath: '/' } }], MountPoints: [{ SourceVolume: 'root', ContainerPath: '/host', ReadOnly: true }],
    }, ['HOST-5:fail', 'HOST-5:fail']],
  ])('%s', (_name, container, expected) => {
    const t = template({ Job: { Type: 'AWS::Batch::JobDefinition', Properties: { Type: 'container', ContainerProperties: container } } });
    expect(verdicts(findingsOf(t), 'HOST-5')).toEqual(expected);
  });

  it('no declared folders: even a read-only log folder is a finding', () => {
    const t = template({ Task: withVolume({ Name: 'v', Host: { SourcePath: '/var/log/app' } }) });
    expect(verdicts(findingsOf(t), 'HOST-5')).toEqual(['HOST-5:fail']);
  });

  it('message: the docker socket', () => {
    const [f] = findingsOf(template({ Task: withVolume({ Name: 'docker', Host: { SourcePath: '/var/run/docker.sock' } }, { SourceVolume: 'docker' }) })).filter((x) => x.requirement === 'HOST-5');
    expect(f.message).toBe("Task definition 'Task' container 'web' mounts host path /var/run/docker.sock (volume 'docker' at MountPoints[0]), which is not among the declared containerHostPaths.");
    expect(f).toMatchObject({ severity: 'P1', detail: 'web host path /var/run/docker.sock' });
  });

  it('message: a privileged container', () => {
    const [f] = findingsOf(template({ Task: taskDefinition({ Privileged: true }) })).filter((x) => x.requirement === 'HOST-5');
    expect(f.message).toBe("Task definition 'Task' container 'web' runs privileged: Privileged is true.");
  });
});
