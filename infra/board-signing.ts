/**
 * The board's signing key (Ban Thi đua - Khen thưởng) for dossiers and scorecard manifests: an asymmetric KMS key
 * (RSA 2048, sign and verify; the private key never leaves KMS) and the SSM parameter where the deployment puts the
 * certificate a CA issued for its public key (docs/deploy-aws.md). The function that signs may call kms:Sign on this
 * key and read that parameter, nothing more.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ParameterTier, StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { NO_CERTIFICATE_YET } from '../adapters/kms-signer.js';

export class BoardSigningKey extends Construct {
  readonly key: Key;
  readonly certificate: StringParameter;

  constructor(scope: Construct, id: string, props: { name: (suffix: string) => string; stage: string }) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: props.name('board-signing'),
      description: 'Khóa ký số của Ban Thi đua - Khen thưởng: hồ sơ khen thưởng và bảng điểm công bố',
      keySpec: KeySpec.RSA_2048,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.key).acknowledge({
      id: 'AwsSolutions-KMS5',
      reason: 'KMS rotates symmetric keys only; an asymmetric signing key is replaced with its certificate instead.',
    });
    // A chain of two or three certificates is 4–6 KB: the advanced tier holds 8 KB.
    this.certificate = new StringParameter(this, 'Certificate', {
      parameterName: `/thi-dua/${props.stage}/board-certificate`,
      description: 'Chuỗi chứng thư (PEM) của khóa ký số Ban Thi đua - Khen thưởng, người ký trước',
      stringValue: NO_CERTIFICATE_YET,
      tier: ParameterTier.ADVANCED,
    });
  }

  grantSign(fn: IFunction) {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['kms:Sign'], resources: [this.key.keyArn] }));
    this.certificate.grantRead(fn);
  }
}
