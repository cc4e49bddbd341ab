/** Machine clients as Cognito app clients of the user pool: client-credentials grant, the API's scopes, short tokens. */
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { RESOURCE_SERVER } from '../shared/domain/auth.js';
import type { ClientIssuer } from '../shared/ports/index.js';
import { CLIENT_TOKEN_MINUTES } from '../shared/services/clients.js';
import { onFirstUse } from './on-first-use.js';

export function cognitoClientIssuer(options: {
  userPoolId: string;
  cognito?: CognitoIdentityProviderClient;
}): ClientIssuer {
  const aws = onFirstUse(async () => {
    const sdk = await import('./cognito-sdk.js');
    return { sdk, cognito: options.cognito ?? new sdk.CognitoIdentityProviderClient({}) };
  });
  return {
    async create(name, scopes) {
      const { sdk, cognito } = await aws();
      const out = await cognito.send(
        new sdk.CreateUserPoolClientCommand({
          UserPoolId: options.userPoolId,
          ClientName: name,
          GenerateSecret: true,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['client_credentials'],
          AllowedOAuthScopes: scopes.map((s) => `${RESOURCE_SERVER}/${s}`),
          AccessTokenValidity: CLIENT_TOKEN_MINUTES,
          TokenValidityUnits: { AccessToken: 'minutes' },
          EnableTokenRevocation: true,
          PreventUserExistenceErrors: 'ENABLED',
        }),
      );
      const clientId = out.UserPoolClient?.ClientId;
      const clientSecret = out.UserPoolClient?.ClientSecret;
      if (!clientId || !clientSecret) throw new Error('Cognito created an app client without an id or a secret');
      return { clientId, clientSecret };
    },
    async remove(clientId) {
      const { sdk, cognito } = await aws();
      try {
        await cognito.send(new sdk.DeleteUserPoolClientCommand({ UserPoolId: options.userPoolId, ClientId: clientId }));
      } catch (e) {
        if ((e as Error).name !== 'ResourceNotFoundException') throw e;
      }
    },
  };
}
