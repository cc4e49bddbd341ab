/**
 * Identity: one Cognito user pool for people (reviewers, admins, units' staff; MFA required) with the three role
 * groups, and the API's resource server whose scopes units' IT systems are given (their app clients are created
 * at run time by the admin route). The console's client is added once its addresses are known.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { RESOURCE_SERVER } from '../shared/domain/auth.js';
import { CLIENT_SCOPE_LABELS, CLIENT_SCOPES, ROLES } from '../shared/domain/types.js';

export class Identity extends Construct {
  readonly userPool: UserPool;
  /** Cognito's hosted domain: sign-in for people, /oauth2/token for machine clients. */
  readonly authDomain: string;

  constructor(scope: Construct, id: string, props: { poolName: string; domainPrefix: string; region: string }) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      userPoolName: props.poolName,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      // Set by admins only (the people client cannot write them: see writeAttributes below).
      customAttributes: {
        unitId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        campaigns: new StringAttribute({ minLen: 1, maxLen: 1024, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      featurePlan: FeaturePlan.PLUS,
      // Threat protection (the PLUS plan's): risky sign-ins are blocked or challenged, not only counted.
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    for (const group of ROLES) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description: `Vai trò ${group}`,
      });
    }
    // The scopes machine clients are given; their app clients are created at run time by the admin route.
    this.userPool.addResourceServer('Api', {
      identifier: RESOURCE_SERVER,
      scopes: CLIENT_SCOPES.map(
        (scopeName) => new ResourceServerScope({ scopeName, scopeDescription: CLIENT_SCOPE_LABELS[scopeName] }),
      ),
    });
    this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.authDomain = `https://${props.domainPrefix}.auth.${props.region}.amazoncognito.com`;
  }

  /** The console's client: sign-in returns to the console's own addresses (CloudFront's name, the province's domain). */
  addConsoleClient(name: string, consoleUrls: string[]): UserPoolClient {
    return this.userPool.addClient('PeopleClient', {
      userPoolClientName: name,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: consoleUrls,
        logoutUrls: consoleUrls,
      },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      // The console renews the hour-long ID token with it; a working day, then people sign in again (with MFA).
      refreshTokenValidity: Duration.hours(12),
      // What a person may change about themselves: never custom:unitId or custom:campaigns, which grant access.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, phoneNumber: true }),
    });
  }
}
