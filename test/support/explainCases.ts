/**
 * The explainer's cases: one per wording of the reference's error catalogue (aws-credential-semantics.md
 * §4, §1.8, §1.9, §2.4), in the forms users paste (botocore ClientError lines, JavaScript `name:
 * message`, Go `api error`, Java `Error Code:`, raw STS XML and DynamoDB JSON bodies, AWS CLI
 * messages). test/unit/explain.test.ts checks each; test/unit/errorCorpus.test.ts adds them to the
 * fixture corpus for the checks that hold for every recognised text (the terminal watcher fires on it).
 */
import * as assert from 'node:assert/strict';
import type { explainError } from '../../src/engine/explain/explainError';

const RID = '4c3e5b5e-1f3b-11e8-bf8a-2d0e3b1c2a11';

export interface Case {
  readonly name: string;
  readonly text: string;
  readonly id: string;
  readonly code: string;
  readonly wording: string;
  readonly form?: string;
  readonly check?: (m: ReturnType<typeof explainError>['matches'][number]) => void;
}

export const CASES: readonly Case[] = [
  // §4.1 invalid token: STS (both periods), DynamoDB
  {
    name: 'STS XML body, no trailing period (aws-azure-login#251)',
    text: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>InvalidClientTokenId</Code>\n    <Message>The security token included in the request is invalid</Message>\n  </Error>\n  <RequestId>${RID}</RequestId>\n</ErrorResponse>`,
    id: 'invalid-client-token-id', code: 'InvalidClientTokenId', wording: 'sts', form: 'xml',
    check: (m) => assert.equal(m.context.requestId, RID),
  },
  {
    name: 'botocore ClientError line, with the period',
    text: 'botocore.exceptions.ClientError: An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
    id: 'invalid-client-token-id', code: 'InvalidClientTokenId', wording: 'sts', form: 'botocore-client-error',
    check: (m) => {
      assert.equal(m.context.operation, 'GetCallerIdentity');
      assert.equal(m.usualHttpStatus, 403);
    },
  },
  {
    name: 'JavaScript SDK name: message',
    text: 'InvalidClientTokenId: The security token included in the request is invalid.\n    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)',
    id: 'invalid-client-token-id', code: 'InvalidClientTokenId', wording: 'sts', form: 'js-error',
  },
  {
    name: 'Go SDK api error line with StatusCode 403',
    text: `operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: ${RID}, api error InvalidClientTokenId: The security token included in the request is invalid.`,
    id: 'invalid-client-token-id', code: 'InvalidClientTokenId', wording: 'sts', form: 'go-sdk',
    check: (m) => assert.deepEqual([m.context.service, m.context.operation, m.context.httpStatus, m.context.requestId], ['STS', 'GetCallerIdentity', 403, RID]),
  },
  { name: 'the bare message with the period', text: 'The security token included in the request is invalid.', id: 'invalid-client-token-id', code: 'InvalidClientTokenId', wording: 'service-message' },
  { name: 'the bare message without the period', text: 'error: The security token included in the request is invalid', id: 'invalid-client-token-id', code: 'InvalidClientTokenId', wording: 'service-message' },
  {
    name: 'DynamoDB __type JSON body, no period (laravel-dynamodb#228)',
    text: '{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"The security token included in the request is invalid"}',
    id: 'invalid-client-token-id', code: 'UnrecognizedClientException', wording: 'dynamodb', form: 'json',
  },
  {
    name: 'Java SDK DynamoDB (jcabi-dynamo#101)',
    text: 'com.amazonaws.services.dynamodbv2.model.AmazonDynamoDBException: The security token included in the request is invalid. (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: UnrecognizedClientException; Request ID: 0V8E5IKR3P6TQ5CJRJ3A0VHN7BVV4KQNSO5AEMVJF66Q9ASUAAJG)',
    id: 'invalid-client-token-id', code: 'UnrecognizedClientException', wording: 'dynamodb', form: 'java-sdk',
    check: (m) => assert.deepEqual([m.context.httpStatus, m.context.service, m.context.requestId], [400, 'AmazonDynamoDBv2', '0V8E5IKR3P6TQ5CJRJ3A0VHN7BVV4KQNSO5AEMVJF66Q9ASUAAJG']),
  },
  {
    name: 'S3 InvalidAccessKeyId',
    text: '<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>',
    id: 's3-invalid-access-key-id', code: 'InvalidAccessKeyId', wording: 's3', form: 'xml',
  },
  // expired
  {
    name: 'STS ExpiredToken, botocore',
    text: 'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
    id: 'expired-token', code: 'ExpiredToken', wording: 'sts', form: 'botocore-client-error',
  },
  {
    name: 'STS ExpiredToken, Java SDK v2 with Status Code 403 (aws-sdk-java-v2#1649)',
    text: 'software.amazon.awssdk.services.sts.model.StsException: The security token included in the request is expired (Service: Sts, Status Code: 403, Request ID: 1b2c3d4e-0000-1111-2222-333344445555) Error Code: ExpiredToken',
    id: 'expired-token', code: 'ExpiredToken', wording: 'sts',
    check: (m) => assert.equal(m.context.httpStatus, 403),
  },
  {
    name: 'DynamoDB ExpiredTokenException raw body (guregu/dynamo#68)',
    text: '{"__type":"com.amazon.coral.service#ExpiredTokenException","message":"The security token included in the request is expired"}',
    id: 'expired-token', code: 'ExpiredTokenException', wording: 'dynamodb', form: 'json',
  },
  {
    name: 'DynamoDB ExpiredTokenException, Go SDK StatusCode 400 (lakeFS#7178)',
    text: `operation error DynamoDB: GetItem, https response error StatusCode: 400, RequestID: ${RID}, api error ExpiredTokenException: The security token included in the request is expired`,
    id: 'expired-token', code: 'ExpiredTokenException', wording: 'dynamodb', form: 'go-sdk',
    check: (m) => assert.deepEqual([m.context.service, m.context.operation, m.context.httpStatus], ['DynamoDB', 'GetItem', 400]),
  },
  { name: 'the bare expired message', text: 'The security token included in the request is expired', id: 'expired-token', code: 'ExpiredToken', wording: 'service-message' },
  // signature
  {
    name: 'STS SignatureDoesNotMatch, Go SDK (steampipe-plugin-sdk#685)',
    text: `operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: ${RID}, api error SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.`,
    id: 'signature-does-not-match', code: 'SignatureDoesNotMatch', wording: 'sts', form: 'go-sdk',
  },
  {
    name: 'DynamoDB InvalidSignatureException, botocore (boto3#482)',
    text: 'An error occurred (InvalidSignatureException) when calling the ListTables operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    id: 'signature-does-not-match', code: 'InvalidSignatureException', wording: 'dynamodb', form: 'botocore-client-error',
  },
  {
    name: 'the bare signature message',
    text: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    id: 'signature-does-not-match', code: 'SignatureDoesNotMatch', wording: 'service-message',
  },
  // clock skew
  {
    name: 'STS Signature expired, AWS CLI (aws-cli#6676)',
    text: 'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)',
    id: 'clock-skew-signature-expired', code: 'SignatureDoesNotMatch', wording: 'sts', form: 'botocore-client-error',
    check: (m) => assert.match(m.detail ?? '', /about 1 h 45 min behind/),
  },
  {
    name: 'DynamoDB Signature expired, 5 min window (aws-sdk-java#1764)',
    text: 'InvalidSignatureException: Signature expired: 20190718T100347Z is now earlier than 20190718T102342Z (20190718T102842Z - 5 min.)',
    id: 'clock-skew-signature-expired', code: 'InvalidSignatureException', wording: 'dynamodb', form: 'js-error',
    check: (m) => assert.match(m.detail ?? '', /about 24 min 55 s behind/),
  },
  {
    name: 'Signature not yet current, clock ahead (aws-sdk-js#2565)',
    text: 'InvalidSignatureException: Signature not yet current: 20190613T121514Z is still later than 20190613T115941Z (20190613T114441Z + 15 min.)',
    id: 'clock-skew-signature-not-yet-current', code: 'InvalidSignatureException', wording: 'dynamodb',
    check: (m) => assert.match(m.detail ?? '', /about 30 min 33 s ahead/),
  },
  {
    name: 'S3 RequestTimeTooSkewed',
    text: '<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>',
    id: 'request-time-too-skewed', code: 'RequestTimeTooSkewed', wording: 's3', form: 'xml',
  },
  {
    name: 'EC2 RequestExpired',
    text: 'An error occurred (RequestExpired) when calling the DescribeInstances operation: Request has expired.',
    id: 'request-expired', code: 'RequestExpired', wording: 'ec2', form: 'botocore-client-error',
  },
  // missing authentication token
  {
    name: 'STS MissingAuthenticationToken, Go SDK (aws-privateca-issuer#40)',
    text: `operation error ACM PCA: GetCertificate, https response error StatusCode: 403, RequestID: ${RID}, api error MissingAuthenticationToken: Request is missing Authentication Token`,
    id: 'missing-authentication-token', code: 'MissingAuthenticationToken', wording: 'sts', form: 'go-sdk',
    check: (m) => assert.deepEqual([m.context.service, m.context.operation], ['ACM PCA', 'GetCertificate']),
  },
  {
    name: 'DynamoDB MissingAuthenticationTokenException, Java (aws-dynamodb-session-tomcat#42)',
    text: 'Request is missing Authentication Token (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: MissingAuthenticationTokenException; Request ID: ABCDEF1234567890)',
    id: 'missing-authentication-token', code: 'MissingAuthenticationTokenException', wording: 'dynamodb', form: 'java-sdk',
  },
  {
    name: 'DynamoDB Local wording (serverless-dynamodb-local#236)',
    text: '{"__type":"com.amazonaws.dynamodb.v20120810#MissingAuthenticationToken","Message":"Request must contain either a valid (registered) AWS access key ID or X.509 certificate."}',
    id: 'missing-authentication-token', code: 'MissingAuthenticationToken', wording: 'dynamodb-local', form: 'json',
  },
  // access denied
  {
    name: 'STS AssumeRole AccessDenied, Java (selling-partner-api-models#891)',
    text: 'User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/y (Service: AWSSecurityTokenService; Status Code: 403; Error Code: AccessDenied; Request ID: 11111111-2222-3333-4444-555555555555)',
    id: 'access-denied', code: 'AccessDenied', wording: 'sts', form: 'java-sdk',
    check: (m) => assert.deepEqual([m.context.action, m.context.principal, m.context.httpStatus], ['sts:AssumeRole', 'arn:aws:iam::123456789012:user/x', 403]),
  },
  {
    name: 'DynamoDB AccessDeniedException (chariot-ui#208)',
    text: 'AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/R/s is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/T because no identity-based policy allows the dynamodb:PutItem action',
    id: 'access-denied', code: 'AccessDeniedException', wording: 'dynamodb', form: 'js-error',
    check: (m) => assert.equal(m.context.action, 'dynamodb:PutItem'),
  },
  // region disabled, web identity
  {
    name: 'RegionDisabledException',
    text: 'An error occurred (RegionDisabledException) when calling the AssumeRole operation: STS is not activated in the requested region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.',
    id: 'region-disabled', code: 'RegionDisabledException', wording: 'sts', form: 'botocore-client-error',
  },
  {
    name: 'InvalidIdentityToken',
    text: 'An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: No OpenIDConnect provider found in your account for https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    id: 'invalid-identity-token', code: 'InvalidIdentityToken', wording: 'sts', form: 'botocore-client-error',
  },
  {
    name: 'IDPRejectedClaim',
    text: 'An error occurred (IDPRejectedClaim) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience',
    id: 'idp-rejected-claim', code: 'IDPRejectedClaim', wording: 'sts',
  },
  {
    name: 'web identity ExpiredTokenException (aws-orbit-workbench#771)',
    text: 'An error occurred (ExpiredTokenException) when calling the AssumeRoleWithWebIdentity operation: Token expired: current date/time 1617205591 must be before the expiration date/time1617203678',
    id: 'web-identity-token-expired', code: 'ExpiredTokenException', wording: 'sts', form: 'botocore-client-error',
  },
  // §4.2 no credentials
  { name: 'JS: Could not load credentials from any providers', text: 'CredentialsProviderError: Could not load credentials from any providers', id: 'no-credentials', code: 'CredentialsProviderError', wording: 'js-sdk' },
  { name: 'botocore NoCredentialsError', text: 'botocore.exceptions.NoCredentialsError: Unable to locate credentials', id: 'no-credentials', code: 'NoCredentialsError', wording: 'botocore' },
  { name: 'AWS CLI: Unable to locate credentials', text: '\nUnable to locate credentials. You can configure credentials by running "aws configure".', id: 'no-credentials', code: 'NoCredentialsError', wording: 'aws-cli' },
  {
    name: 'JS: Could not resolve credentials using profile',
    text: 'CredentialsProviderError: Could not resolve credentials using profile: [dev] in configuration/credentials file(s).',
    id: 'profile-credentials-unresolved', code: 'CredentialsProviderError', wording: 'js-sdk',
    check: (m) => assert.equal(m.context.profile, 'dev'),
  },
  {
    name: 'botocore ProfileNotFound',
    text: 'botocore.exceptions.ProfileNotFound: The config profile (dev) could not be found',
    id: 'profile-not-found', code: 'ProfileNotFound', wording: 'botocore',
    check: (m) => assert.equal(m.context.profile, 'dev'),
  },
  {
    name: 'AWS CLI: empty profile name',
    text: '\nThe config profile () could not be found',
    id: 'profile-not-found', code: 'ProfileNotFound', wording: 'aws-cli',
    check: (m) => assert.equal(m.context.profile, ''),
  },
  // §1.8 SSO
  { name: 'JS legacy SSO expired', text: 'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.', id: 'sso-session-expired', code: 'CredentialsProviderError', wording: 'js-sdk' },
  { name: 'botocore UnauthorizedSSOTokenError', text: 'botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.', id: 'sso-session-expired', code: 'UnauthorizedSSOTokenError', wording: 'botocore' },
  { name: 'JS legacy SSO invalid (never logged in)', text: 'The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login with the corresponding profile.', id: 'sso-session-invalid', code: 'CredentialsProviderError', wording: 'js-sdk' },
  {
    name: 'JS sso-session token not found',
    text: "The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    id: 'sso-token-not-found', code: 'CredentialsProviderError', wording: 'js-sdk',
    check: (m) => assert.equal(m.context.profile, 'dev'),
  },
  { name: 'botocore SSOTokenLoadError, legacy start URL', text: 'botocore.exceptions.SSOTokenLoadError: Error loading SSO Token: Token for https://my-sso-portal.awsapps.com/start does not exist', id: 'sso-token-not-found', code: 'SSOTokenLoadError', wording: 'botocore' },
  { name: 'botocore SSOTokenLoadError, sso-session', text: 'Error loading SSO Token: Token for my-sso does not exist', id: 'sso-token-not-found', code: 'SSOTokenLoadError', wording: 'botocore' },
  { name: "JS Value not present for 'clientId'", text: "Value not present for 'clientId' in SSO Token. Cannot refresh. To refresh this SSO session run 'aws sso login' with the corresponding profile.", id: 'sso-token-refresh-impossible', code: 'TokenProviderError', wording: 'js-sdk' },
  { name: 'JS Token is expired', text: "TokenProviderError: Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.", id: 'sso-token-expired-refresh-failed', code: 'TokenProviderError', wording: 'js-sdk' },
  { name: 'botocore TokenRetrievalError', text: 'botocore.exceptions.TokenRetrievalError: Error when retrieving token from sso: Token has expired and refresh failed', id: 'sso-token-expired-refresh-failed', code: 'TokenRetrievalError', wording: 'botocore' },
  {
    name: 'JS invalid SSO profile',
    text: 'Profile is configured with invalid SSO credentials. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url". Got sso_session, sso_region, sso_start_url\nReference: https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html',
    id: 'sso-profile-incomplete', code: 'CredentialsProviderError', wording: 'js-sdk',
  },
  { name: 'botocore SSO missing configuration', text: 'botocore.exceptions.InvalidConfigError: The profile "L" is configured to use SSO but is missing required configuration: sso_region', id: 'sso-profile-incomplete', code: 'InvalidConfigError', wording: 'botocore' },
  { name: 'JS token provider: sso-session missing property', text: "Sso session 'my-sso' is missing required property 'sso_region'.", id: 'sso-profile-incomplete', code: 'TokenProviderError', wording: 'js-sdk' },
  { name: 'botocore sso-session does not exist', text: 'InvalidConfigError: The specified sso-session does not exist: "nope"', id: 'sso-session-not-found', code: 'InvalidConfigError', wording: 'botocore' },
  { name: 'JS TypeError for a missing sso-session', text: "TypeError: Cannot read properties of undefined (reading 'sso_region')", id: 'sso-session-not-found', code: 'TypeError', wording: 'js-sdk' },
  { name: 'botocore sso-session inconsistent', text: 'The value for sso_region is inconsistent between profile (us-east-1) and sso-session (eu-west-1).', id: 'sso-session-inconsistent', code: 'InvalidConfigError', wording: 'botocore' },
  { name: 'SSO portal UnauthorizedException', text: 'UnauthorizedException: Session token not found or invalid', id: 'sso-portal-unauthorized', code: 'UnauthorizedException', wording: 'sso' },
  // region
  { name: 'JS Region is missing', text: 'Error: Region is missing\n    at default (/app/node_modules/@smithy/config-resolver/dist-cjs/index.js:117:11)', id: 'region-missing', code: 'Error', wording: 'js-sdk' },
  { name: 'botocore NoRegionError', text: 'botocore.exceptions.NoRegionError: You must specify a region.', id: 'region-missing', code: 'NoRegionError', wording: 'botocore' },
  { name: 'AWS CLI: You must specify a region', text: 'You must specify a region. You can also configure your region by running "aws configure".', id: 'region-missing', code: 'NoRegionError', wording: 'aws-cli' },
  { name: 'JS Region not accepted', text: 'Error: Region not accepted: region="us east 1" is not a valid hostname component.', id: 'region-invalid', code: 'Error', wording: 'js-sdk' },
  { name: 'botocore InvalidRegionError', text: "botocore.exceptions.InvalidRegionError: Provided region_name 'us east 1' doesn't match a supported format.", id: 'region-invalid', code: 'InvalidRegionError', wording: 'botocore' },
  // config parse
  { name: 'botocore ConfigParseError', text: 'botocore.exceptions.ConfigParseError: Unable to parse config file: /home/me/.aws/config', id: 'config-parse-error', code: 'ConfigParseError', wording: 'botocore' },
  { name: 'AWS CLI v2: Unable to parse config file', text: '\nUnable to parse config file: /home/me/.aws/credentials', id: 'config-parse-error', code: 'ConfigParseError', wording: 'aws-cli' },
  { name: "configparser DuplicateSectionError (CLI v1 traceback)", text: "configparser.DuplicateSectionError: While reading from '/home/me/.aws/config' [line  7]: section 'default' already exists", id: 'config-parse-error', code: 'DuplicateSectionError', wording: 'python-configparser' },
  // partial
  { name: 'PartialCredentialsError, env', text: 'botocore.exceptions.PartialCredentialsError: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY', id: 'partial-credentials', code: 'PartialCredentialsError', wording: 'botocore' },
  { name: 'PartialCredentialsError, shared-credentials-file', text: 'Partial credentials found in shared-credentials-file, missing: aws_secret_access_key', id: 'partial-credentials', code: 'PartialCredentialsError', wording: 'botocore' },
  { name: 'PartialCredentialsError, assume-role', text: 'Partial credentials found in assume-role, missing: source_profile or credential_source', id: 'partial-credentials', code: 'PartialCredentialsError', wording: 'botocore' },
  // MFA
  {
    name: 'JS MFA callback',
    text: 'CredentialsProviderError: Profile admin requires multi-factor authentication, but no MFA code callback was provided.',
    id: 'mfa-required', code: 'CredentialsProviderError', wording: 'js-sdk',
    check: (m) => assert.equal(m.context.profile, 'admin'),
  },
  { name: 'botocore MFA prompt', text: 'Enter MFA code for arn:aws:iam::123456789012:mfa/me: ', id: 'mfa-required', code: 'MFA prompt', wording: 'botocore' },
  // §1.9 credential_process and §2.4 process
  { name: 'JS credential_process Version', text: 'Profile dev credential_process did not return Version 1.', id: 'credential-process-bad-version', code: 'CredentialsProviderError', wording: 'js-sdk' },
  { name: 'botocore credential_process version', text: "botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from custom-process: Unsupported version '2' for credential process provider, supported versions: 1", id: 'credential-process-bad-version', code: 'CredentialRetrievalError', wording: 'botocore' },
  { name: 'JS credential_process invalid credentials', text: 'Profile dev credential_process returned invalid credentials.', id: 'credential-process-invalid-output', code: 'CredentialsProviderError', wording: 'js-sdk' },
  { name: 'JS credential_process invalid JSON', text: 'Profile dev credential_process returned invalid JSON.', id: 'credential-process-invalid-output', code: 'CredentialsProviderError', wording: 'js-sdk' },
  { name: 'botocore credential_process missing key', text: "Error when retrieving credentials from custom-process: Missing required key in response: 'AccessKeyId'", id: 'credential-process-invalid-output', code: 'CredentialRetrievalError', wording: 'botocore' },
  { name: 'botocore credential_process non-JSON', text: 'File ".../botocore/credentials.py", in _retrieve_credentials_using (credential_process)\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)', id: 'credential-process-invalid-output', code: 'JSONDecodeError', wording: 'botocore' },
  { name: 'JS credential_process expired', text: 'Profile dev credential_process returned expired credentials.', id: 'credential-process-expired', code: 'CredentialsProviderError', wording: 'js-sdk' },
  { name: 'JS credential_process command failed', text: 'CredentialsProviderError: Command failed: /home/u/bin/fail.sh\nboom: not logged in\n', id: 'credential-process-failed', code: 'CredentialsProviderError', wording: 'js-sdk' },
  { name: 'botocore custom-process failure', text: 'botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from custom-process: boom: not logged in', id: 'credential-process-failed', code: 'CredentialRetrievalError', wording: 'botocore' },
  { name: 'botocore refreshed credentials still expired', text: 'RuntimeError: Credentials were refreshed, but the refreshed credentials are still expired.', id: 'refreshed-credentials-still-expired', code: 'RuntimeError', wording: 'botocore' },
  { name: 'botocore unparseable AWS_CREDENTIAL_EXPIRATION', text: 'dateutil.parser._parser.ParserError: Unknown string format: notadate', id: 'credential-expiration-unparseable', code: 'ParserError', wording: 'botocore' },
  // §2.4 assume-role validation
  { name: 'botocore source_profile and credential_source', text: 'botocore.exceptions.InvalidConfigError: The profile "A" contains both source_profile and credential_source.', id: 'role-source-conflict', code: 'InvalidConfigError', wording: 'botocore' },
  { name: 'botocore source_profile missing', text: 'InvalidConfigError: The source_profile "Nope" referenced in the profile "A" does not exist.', id: 'source-profile-missing', code: 'InvalidConfigError', wording: 'botocore' },
  { name: 'botocore source profile without credentials', text: 'InvalidConfigError: The source profile "B" must have credentials.', id: 'source-profile-without-credentials', code: 'InvalidConfigError', wording: 'botocore' },
  { name: 'botocore infinite loop', text: "botocore.exceptions.InfiniteLoopConfigError: Infinite loop in credential configuration detected. Attempting to load from profile A which has already been visited. Visited profiles: ['A', 'B']", id: 'source-profile-cycle', code: 'InfiniteLoopConfigError', wording: 'botocore' },
  { name: 'JS cycle (debug log)', text: '@smithy/property-provider -> Detected a cycle attempting to resolve credentials for profile A. Profiles visited: B, A', id: 'source-profile-cycle', code: 'CredentialsProviderError', wording: 'js-sdk' },
  { name: 'botocore invalid credential_source', text: 'InvalidConfigError: The credential source "environment" referenced in profile "a2" is not valid.', id: 'credential-source-invalid', code: 'InvalidConfigError', wording: 'botocore' },
  { name: 'botocore empty credential_source', text: 'CredentialRetrievalError: Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile a1', id: 'credential-source-empty', code: 'CredentialRetrievalError', wording: 'botocore' },
  // §1.2 warning
  {
    name: 'JS Multiple credential sources warning',
    text: '@aws-sdk/credential-provider-node - defaultProvider::fromEnv WARNING:\n    Multiple credential sources detected: \n    Both AWS_PROFILE and the pair AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY static credentials are set.\n    This SDK will proceed with the AWS_PROFILE value.',
    id: 'multiple-credential-sources', code: 'Warning', wording: 'js-sdk',
  },
];

