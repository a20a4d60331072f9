/**
 * GIVEN CDK's own compliant constructs (enforceSSL, encrypted storage with a rotating key,
 * an HTTPS listener with HTTP redirected, a PostgreSQL parameter group forcing SSL)
 * WHEN the synthesized template is read
 * THEN no ENC or TLS requirement fails but the one CDK leaves to the team (CloudFront's default
 * certificate): the readers understand what `cdk synth` writes, Fn::Join ARNs included.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { checkStackTemplates } from '../../../cdk/records';
import type { CfnTemplate } from '../../../cdk/records/template';

function synth(): CfnTemplate {
  const app = new App();
  const stack = new Stack(app, 'Data');
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true, encryption: s3.BucketEncryption.KMS, encryptionKey: key });
  new sqs.Queue(stack, 'Queue', { enforceSSL: true });
  new sns.Topic(stack, 'Topic', { enforceSSL: true, masterKey: key });
  const vpc = new ec2.Vpc(stack, 'Vpc', { restrictDefaultSecurityGroup: true, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  new ec2.Instance(stack, 'Host', {
    vpc,
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.genericLinux({ 'eu-west-1': 'ami-12345678' }),
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true, kmsKey: key }) }],
  });
  const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_14 });
  const parameterGroup = new rds.ParameterGroup(stack, 'Pg', { engine, parameters: { 'rds.force_ssl': '1' } });
  new rds.DatabaseInstance(stack, 'Db', { engine, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, storageEncrypted: true, storageEncryptionKey: key, parameterGroup });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  const https = alb.addListener('Https', { port: 443, certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111111111111:certificate/x')], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });
  https.addTargets('App', { port: 8443, protocol: elbv2.ApplicationProtocol.HTTPS, targets: [] });
  alb.addRedirect();
  new cloudfront.Distribution(stack, 'Cdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS } });
  new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key });
  return app.synth().getStackByName('Data').template as CfnTemplate;
}

describe('CDK constructs that comply', () => {
  it('pass every ENC and TLS requirement except the default CloudFront certificate (TLS-2)', () => {
    const { findings } = checkStackTemplates([{ file: 'Data.template.json', stackName: 'Data', template: synth() }]);
    const encTls = findings.filter((f) => /^(ENC|TLS)-/.test(f.requirement)).map((f) => `${f.rule}:${f.status}:${f.resource.type}`);
    expect(encTls).toEqual(['TLS-2:fail:AWS::CloudFront::Distribution']);
  });
});
