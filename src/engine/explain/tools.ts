/**
 * The tools that print AWS credential errors, how to tell which one printed a text, and what each
 * adds to the catalogue's causes (the setting that tool reads, the command that fixes it there).
 * A wrapper (Terraform, CDK, Serverless, SAM, Amplify, Pulumi) prints the error of the SDK it runs:
 * the wrapper comes first, because its setting is the one the user changes; a CI runner comes before
 * both, because there this machine's files play no part.
 */

import type { ErrorTool } from './toolLabels';

export interface ToolInfo {
  /** Higher first: 3 a CI runner, 2 a tool that runs an SDK, 1 an SDK or the AWS CLI. */
  readonly rank: number;
  /** The error happened on another machine (a CI runner): this machine's findings do not explain it. */
  readonly remote?: boolean;
  /** Texts only this tool prints around its errors (run over the normalised text near the error). */
  readonly markers: RegExp;
  /** What this tool adds to the causes, per catalogue entry id; `*` for any entry. */
  readonly hints: Readonly<Record<string, readonly string[]>>;
}

const PROFILE_FAMILY = ['no-credentials', 'profile-not-found', 'profile-credentials-unresolved', 'config-parse-error'];
const SSO_FAMILY = [
  'sso-session-expired',
  'sso-session-invalid',
  'sso-token-not-found',
  'sso-token-refresh-impossible',
  'sso-token-expired-refresh-failed',
  'sso-portal-unauthorized',
  'sso-profile-incomplete',
  'sso-session-not-found',
];
const KEY_FAMILY = [
  'invalid-client-token-id',
  's3-invalid-access-key-id',
  'signature-does-not-match',
  'expired-token',
  'access-denied',
  'credentials-wrong-account',
];

/** The same hints for several entry ids. */
function forEntries(ids: readonly string[], hints: readonly string[]): Record<string, readonly string[]> {
  return Object.fromEntries(ids.map((id) => [id, hints]));
}

const JS_V2_LOAD_CONFIG =
  'The JavaScript SDK v2 reads ~/.aws/config only when AWS_SDK_LOAD_CONFIG=1 is set: without it, a profile, role, SSO setting or region written only there is ignored and only ~/.aws/credentials is read (`export AWS_SDK_LOAD_CONFIG=1`).';
const GO_V1_LOAD_CONFIG =
  'The Go SDK v1 reads ~/.aws/config only when AWS_SDK_LOAD_CONFIG=1 is set (or the program asks for session.SharedConfigEnable): without it, a profile, role, SSO setting or region written only there is ignored (`export AWS_SDK_LOAD_CONFIG=1`).';
const TERRAFORM_PROFILE =
  'Terraform\'s AWS provider takes the profile from the `profile` argument of its `provider "aws"` block, and from AWS_PROFILE only when that argument is not set; it reads the files `shared_config_files` / `shared_credentials_files` name (by default ~/.aws/config and ~/.aws/credentials). Check that block first.';
const TERRAFORM_BACKEND =
  'The S3 backend (`backend "s3"`) signs in on its own, with its own `profile` and `region` arguments, before the provider does: an error during `terraform init` comes from it (change the block, then `terraform init -reconfigure`).';
const TERRAFORM_DEBUG = '`TF_LOG=DEBUG terraform plan` shows which credential sources the provider tried.';
const GITHUB_ONLY_THERE =
  'This ran on a GitHub Actions runner: the AWS files and variables of this machine play no part.';
const GITHUB_PERMISSION =
  'In the workflow, give the job the `id-token` permission, set to `write` (under `permissions:`, with `contents` set to `read`): without it GitHub issues no OIDC token, and the action falls back to keys that are not there. Pass `role-to-assume` and `aws-region` to aws-actions/configure-aws-credentials.';
const GITHUB_TRUST =
  "The role's trust policy must allow `sts:AssumeRoleWithWebIdentity` for the principal `arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com`, with `token.actions.githubusercontent.com:aud` equal to `sts.amazonaws.com` and `token.actions.githubusercontent.com:sub` matching the job: `repo:ORG/REPO:ref:refs/heads/BRANCH`, `repo:ORG/REPO:environment:NAME` for a job with an environment, `repo:ORG/REPO:pull_request` for a pull request.";
const GITHUB_IMMUTABLE_SUB =
  "A repository that emits the immutable `sub` claim (`repo:ORG@ID/REPO@ID:…`) needs the trust policy's `sub` condition written in that form.";
const GITHUB_PROVIDER =
  'Create the IAM OIDC identity provider for `https://token.actions.githubusercontent.com`, audience `sts.amazonaws.com`, in the account of the role.';

/** How to recognise each tool (ERROR_TOOL_LABELS names them). */
export const TOOLS: Readonly<Record<ErrorTool, ToolInfo>> = {
  'github-actions': {
    rank: 3,
    remote: true,
    markers:
      /configure-aws-credentials|Could not assume role with (?:OIDC|web identity token file|user credentials)|token\.actions\.githubusercontent\.com|ACTIONS_ID_TOKEN_REQUEST|\bid-token\b. permission|please check your action inputs/i,
    hints: {
      '*': [GITHUB_ONLY_THERE],
      'no-credentials': [GITHUB_ONLY_THERE, GITHUB_PERMISSION],
      'github-oidc-token-unavailable': [GITHUB_ONLY_THERE, GITHUB_PERMISSION],
      'web-identity-access-denied': [GITHUB_ONLY_THERE, GITHUB_TRUST, GITHUB_IMMUTABLE_SUB],
      'idp-rejected-claim': [GITHUB_ONLY_THERE, GITHUB_TRUST],
      'invalid-identity-token': [GITHUB_ONLY_THERE, GITHUB_PROVIDER],
    },
  },
  terraform: {
    rank: 2,
    markers:
      /Terraform AWS Provider|for AWS Provider|registry\.terraform\.io\/(?:providers\/)?hashicorp\/aws|\bS3 Backend\b|backend "s3"|provider "aws"|terraform (?:init|plan|apply|destroy|import|refresh)\b/i,
    hints: {
      ...forEntries([...PROFILE_FAMILY, ...SSO_FAMILY], [TERRAFORM_PROFILE, TERRAFORM_BACKEND, TERRAFORM_DEBUG]),
      ...forEntries(KEY_FAMILY, [
        TERRAFORM_PROFILE,
        'Keys in the `provider "aws"` block (`access_key`, `secret_key`, `token`) or in `TF_VAR_` variables win over the environment and the files.',
      ]),
      'region-missing': [
        'Set `region` in the `provider "aws"` block (and in `backend "s3"`), or AWS_REGION / AWS_DEFAULT_REGION, or `region` in the profile the provider uses.',
      ],
      '*': [TERRAFORM_PROFILE],
    },
  },
  pulumi: {
    rank: 2,
    markers:
      /pulumi:providers:aws|unable to validate AWS credentials\. Details:|\bpulumi (?:up|preview|refresh|destroy)\b/i,
    hints: {
      '*': [
        "Pulumi's AWS provider takes the profile from `aws:profile` (`pulumi config set aws:profile NAME`) and the region from `aws:region`, and from AWS_PROFILE / AWS_REGION only when those are not set.",
      ],
    },
  },
  cdk: {
    rank: 2,
    markers:
      /Unable to resolve AWS account to use|Need to perform AWS calls for account|\bcdk (?:deploy|synth|bootstrap|diff|destroy|watch)\b|aws-cdk|cdk\.json/i,
    hints: {
      ...forEntries(
        ['no-credentials', ...SSO_FAMILY, 'profile-not-found', 'profile-credentials-unresolved'],
        [
          'The CDK CLI uses `--profile NAME`, else the `profile` key of cdk.json or ~/.cdk.json, else AWS_PROFILE; `cdk deploy --verbose` prints where it looked for credentials.',
          '"Unable to resolve AWS account to use" also comes from credentials that exist but no longer work (an expired SSO session: `aws sso login --profile NAME`), because the CLI then knows no account.',
        ],
      ),
      'credentials-wrong-account': [
        "The stack's `env.account` (or CDK_DEFAULT_ACCOUNT) names the account to deploy to: use a profile of that account (`--profile NAME`), or let the account trust yours with `cdk bootstrap --trust ACCOUNT`.",
      ],
      '*': ['The CDK CLI uses `--profile NAME`, else the `profile` key of cdk.json or ~/.cdk.json, else AWS_PROFILE.'],
    },
  },
  serverless: {
    rank: 2,
    markers:
      /Serverless Error -|slss\.io\/aws-creds-setup|bit\.ly\/aws-creds-setup|AWS provider credentials not found|Serverless Framework|\b(?:serverless|sls) (?:deploy|invoke|package|remove|info)\b/i,
    hints: {
      '*': [
        'Serverless Framework uses `--aws-profile NAME`, else `provider.profile` in serverless.yml, else AWS_PROFILE.',
        `Versions 1 to 3 run the JavaScript SDK v2: ${JS_V2_LOAD_CONFIG}`,
      ],
    },
  },
  'sam-cli': {
    rank: 2,
    markers:
      /\bsam (?:deploy|build|local|sync|validate|delete|pipeline|logs|list)\b|Error Setting Up Managed Stack Client|AWS SDK for Python client|samconfig\.toml|No region information found\. Please provide --region/i,
    hints: {
      '*': [
        'SAM CLI runs botocore, as the AWS CLI v1 does: `--profile` and `--region`, or `profile` and `region` in samconfig.toml, else AWS_PROFILE and AWS_DEFAULT_REGION (botocore does not read AWS_REGION).',
      ],
    },
  },
  'amplify-cli': {
    rank: 2,
    markers:
      /\bamplify (?:push|pull|init|status|publish|configure|env)\b|ProfileConfigurationError|Profile configuration (?:is missing|for ')|AWS access credentials can not be found/i,
    hints: {
      '*': [
        "Amplify CLI keeps the project's choice of profile in amplify/.config/local-aws-info.json: `amplify configure project` changes it, `amplify configure` sets up a new profile.",
      ],
    },
  },
  'aws-cli': {
    rank: 1,
    markers: /\baws: \[ERROR\]|\baws: error:|You can configure credentials by running "aws (?:configure|login)"/i,
    hints: {},
  },
  botocore: {
    rank: 1,
    markers: /botocore\.(?:exceptions|errorfactory)|\bboto3\b|botocore\/credentials\.py/i,
    hints: {},
  },
  'js-sdk-v3': {
    rank: 1,
    markers: /CredentialsProviderError|TokenProviderError|@aws-sdk\/|@smithy\//,
    hints: {},
  },
  'js-sdk-v2': {
    rank: 1,
    markers:
      /Missing credentials in config|AWS_SDK_LOAD_CONFIG|SharedIniFileCredentials|Missing region in config|CredentialsProviderFailure|aws-sdk\/lib\//,
    hints: {
      ...forEntries([...PROFILE_FAMILY, ...SSO_FAMILY, 'region-missing'], [JS_V2_LOAD_CONFIG]),
    },
  },
  'go-sdk-v2': {
    rank: 1,
    markers:
      /operation error [\w ]{1,40}: \w+|failed to refresh cached credentials|\bec2imds\b|failed to get shared config profile|failed to load shared config file|failed to sign request|aws-sdk-go-v2/i,
    hints: {
      'no-credentials': [
        '"no EC2 IMDS role found" is the last link of the Go SDK\'s chain (instance metadata) failing: outside EC2 it means that nothing before it (the environment, the files, SSO) gave credentials.',
      ],
    },
  },
  'go-sdk-v1': {
    rank: 1,
    markers:
      /\bNoCredentialProviders\b|status code: \d{3}, request id:|\bSharedConfigLoadError\b|\bSharedCredsLoad\b|\bEC2RoleRequestError\b|\bMissingRegion\b|\bINIParseError\b|\bSSOProviderInvalidToken\b|CredentialsChainVerboseErrors|aws-sdk-go\//,
    hints: {
      ...forEntries([...PROFILE_FAMILY, ...SSO_FAMILY, 'region-missing'], [GO_V1_LOAD_CONFIG]),
      'no-credentials': [
        GO_V1_LOAD_CONFIG,
        'Set `CredentialsChainVerboseErrors: aws.Bool(true)` in aws.Config to see why each provider of the chain failed.',
      ],
    },
  },
  'java-sdk-v2': {
    rank: 1,
    markers:
      /software\.amazon\.awssdk|\(Service: [^,)]{1,80}, Status Code: \d{3}, Request ID:|AwsCredentialsProviderChain|DefaultAwsRegionProviderChain|Profile file contained no credentials/,
    hints: {
      '*': [
        'The Java SDK 2.x names every provider it tried, with its reason, after the message. It reads AWS_PROFILE (or the aws.profile system property), and the region from AWS_REGION (or aws.region) or the profile.',
      ],
    },
  },
  'java-sdk-v1': {
    rank: 1,
    markers:
      /com\.amazonaws\.|\(Service: [^;)]{1,80}; Status Code: \d{3}; Error Code:|AWSCredentialsProviderChain|No AWS profile named/,
    hints: {
      '*': [
        'The Java SDK 1.x names every provider it tried, with its reason, in the brackets after the message. It reads AWS_PROFILE, and the region from AWS_REGION (not AWS_DEFAULT_REGION) or the profile.',
      ],
    },
  },
  'dotnet-sdk': {
    rank: 1,
    markers: /Amazon\.Runtime\b|CredentialProfileStoreChain|RegionEndpoint|Exception \d+ of \d+:/,
    hints: {
      '*': [
        'The .NET SDK lists every source it tried (Exception 1 of N). It reads AWS_PROFILE, and the region from AWS_REGION or the profile.',
      ],
    },
  },
  'rust-sdk': {
    rank: 1,
    markers:
      /no providers in chain provided credentials|no credentials found in chain|the credential provider was not enabled|\baws[-_]config\b|\baws_smithy|dispatch failure/i,
    hints: {
      '*': [
        'The Rust SDK names every provider of its chain with its reason when the error is printed with `DisplayErrorContext`.',
      ],
    },
  },
};

/** The tool hints for an entry, in the order of the tools. */
export function toolHints(tools: readonly ErrorTool[], entryId: string): string[] {
  const out: string[] = [];
  for (const t of tools) {
    const h = TOOLS[t].hints;
    for (const s of h[entryId] ?? h['*'] ?? []) if (!out.includes(s)) out.push(s);
  }
  return out;
}
