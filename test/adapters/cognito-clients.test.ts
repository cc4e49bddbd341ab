/** The Cognito adapter of machine clients, against a mocked Cognito: what it asks for, and its error paths. */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cognitoClientIssuer } from '../../adapters/cognito-clients.js';

const cognito = new CognitoIdentityProviderClient({ region: 'ap-southeast-1' });
const mock = mockClient(cognito);
const issuer = cognitoClientIssuer({
  userPoolId: 'ap-southeast-1_pool',
  cognito,
});
beforeEach(() => mock.reset());

describe('Cognito app clients for units’ systems', () => {
  it('creates a confidential client-credentials client with the API scopes and 15-minute tokens', async () => {
    mock.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: 'abc', ClientSecret: 's3cret' } });
    expect(await issuer.create('so-tttt Một cửa', ['submissions.write'])).toEqual({
      clientId: 'abc',
      clientSecret: 's3cret',
    });
    expect(mock.commandCalls(CreateUserPoolClientCommand)[0]!.args[0].input).toMatchObject({
      UserPoolId: 'ap-southeast-1_pool',
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['thi-dua-api/submissions.write'],
      AccessTokenValidity: 15,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
  });

  it('refuses an answer without a secret, and passes Cognito’s errors on', async () => {
    mock.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: 'abc' } });
    await expect(issuer.create('x', ['submissions.read'])).rejects.toThrow(/secret/);
    mock.on(CreateUserPoolClientCommand).rejects(new Error('LimitExceededException'));
    await expect(issuer.create('x', ['submissions.read'])).rejects.toThrow('LimitExceededException');
  });

  it('deletes a client; one already gone counts as deleted, other errors do not', async () => {
    mock.on(DeleteUserPoolClientCommand).resolves({});
    await issuer.remove('abc');
    expect(mock.commandCalls(DeleteUserPoolClientCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'ap-southeast-1_pool',
      ClientId: 'abc',
    });
    mock.on(DeleteUserPoolClientCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));
    await expect(issuer.remove('abc')).resolves.toBeUndefined();
    mock.on(DeleteUserPoolClientCommand).rejects(new Error('AccessDenied'));
    await expect(issuer.remove('abc')).rejects.toThrow('AccessDenied');
  });
});
