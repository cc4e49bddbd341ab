/**
 * The HTTP API: the route table the local server uses, with the Lambda authorizer (people's ID tokens, machines'
 * access tokens) on every route but the public ones, throttling and JSON access logs on its stage. No CORS: the
 * console calls the API on its own origin (CloudFront), machines need none; no other origin may.
 */
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionName, ROUTES } from '../functions/routes.js';
import type { StageConfig } from './config.js';

export class Api extends Construct {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: { name: (suffix: string) => string; config: StageConfig }) {
    super(scope, id);
    const { name, config } = props;
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${name('api')}`,
      retention: config.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.httpApi = new HttpApi(this, 'Api', { apiName: name('api'), createDefaultStage: true });
    const stage = this.httpApi.defaultStage!.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = {
      throttlingRateLimit: config.throttle.rateLimit,
      throttlingBurstLimit: config.throttle.burstLimit,
    };
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        // The Lambda authorizer's context (its trusted claims): who called, a person or a unit's system.
        sub: '$context.authorizer.sub',
        latency: '$context.responseLatency',
        error: '$context.authorizer.error',
      }),
    };
  }

  /** The execute-api host name, the CDN's origin. */
  host(region: string): string {
    return `${this.httpApi.apiId}.execute-api.${region}.amazonaws.com`;
  }

  /**
   * Every route of the table to its function. The authorizer's answer is cached for a token for `authorizerCache`,
   * so a revoked machine client is refused at the latest that long after its revocation.
   */
  addRoutes(functions: Record<FunctionName, IFunction>, authorizerFunction: IFunction, authorizerCache: Duration) {
    const authorizer = new HttpLambdaAuthorizer('Cognito', authorizerFunction, {
      authorizerName: 'cognito-and-clients',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: authorizerCache,
    });
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      if (!integrations.has(route.fn))
        integrations.set(route.fn, new HttpLambdaIntegration(`Integration-${route.fn}`, functions[route.fn]));
      const r = new HttpRoute(this, `Route-${route.method}-${route.path}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrations.get(route.fn)!,
        ...(route.roles === 'public' ? {} : { authorizer }),
      });
      if (route.roles === 'public')
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "Public by design: liveness, the API contract and its page, the labels, and units' public scorecards (công khai); every other route has the authorizer.",
        });
    }
  }
}
