/** The parts of the Cognito SDK the machine-client registry calls, loaded on first use (see on-first-use.ts). */
export {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
