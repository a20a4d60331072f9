// Unit tests synthesize many small apps: skip aws-cdk-lib's own CloudFormation validation.
process.env.CDK_VALIDATION = 'false';
