/**
 * The tools that print AWS credential errors, by name: what the explainer's text output shows. Kept
 * apart from tools.ts (how to recognise each, what each adds), which the extension's main bundle does
 * not need.
 */

export const ERROR_TOOL_IDS = [
  'github-actions',
  'terraform',
  'pulumi',
  'cdk',
  'serverless',
  'sam-cli',
  'amplify-cli',
  'aws-cli',
  'botocore',
  'js-sdk-v3',
  'js-sdk-v2',
  'go-sdk-v2',
  'go-sdk-v1',
  'java-sdk-v2',
  'java-sdk-v1',
  'dotnet-sdk',
  'rust-sdk',
] as const;
export type ErrorTool = (typeof ERROR_TOOL_IDS)[number];

export const ERROR_TOOL_LABELS: Readonly<Record<ErrorTool, string>> = {
  'github-actions': 'GitHub Actions (aws-actions/configure-aws-credentials)',
  terraform: "Terraform's AWS provider",
  pulumi: "Pulumi's AWS provider",
  cdk: 'AWS CDK CLI',
  serverless: 'Serverless Framework',
  'sam-cli': 'AWS SAM CLI',
  'amplify-cli': 'Amplify CLI',
  'aws-cli': 'AWS CLI',
  botocore: 'botocore / boto3',
  'js-sdk-v3': 'AWS SDK for JavaScript v3',
  'js-sdk-v2': 'AWS SDK for JavaScript v2',
  'go-sdk-v2': 'AWS SDK for Go v2',
  'go-sdk-v1': 'AWS SDK for Go v1',
  'java-sdk-v2': 'AWS SDK for Java 2.x',
  'java-sdk-v1': 'AWS SDK for Java 1.x',
  'dotnet-sdk': 'AWS SDK for .NET',
  'rust-sdk': 'AWS SDK for Rust',
};
