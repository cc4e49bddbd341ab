/**
 * The layering, as rules a tool checks (npm run lint): the domain stays pure TypeScript without AWS,
 * use cases reach stores only through ports, handlers never pick an adapter themselves.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment:
        'shared/ (domain, ports, services) imports nothing from adapters/, functions/, local/, infra/ or any AWS package',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        path: [
          '^(adapters|functions|local|infra|console|bench|scripts|test)/',
          '(^|/)node_modules/(@aws-sdk|@smithy|aws-cdk-lib|aws-lambda|@types/aws-lambda|@middy|constructs)/',
        ],
      },
    },
    {
      name: 'domain-below-services',
      comment: 'shared/domain/ knows neither the use cases nor the ports',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { path: ['^shared/services/', '^shared/ports/'] },
    },
    {
      name: 'handlers-without-adapters',
      comment: "handlers and the HTTP layer get their stores as Deps; only a function's index.ts wires adapters",
      severity: 'error',
      from: { path: '^functions/', pathNot: '^functions/[^/]+/index\\.ts$' },
      to: { path: '^adapters/' },
    },
    {
      name: 'adapters-below-functions',
      comment: 'adapters implement ports; they do not know the HTTP layer or the local runtime',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^(functions|local|infra)/' },
    },
    {
      name: 'console-over-the-api',
      comment:
        "the console (a browser bundle) runs the domain's pure rules and labels, and takes the use cases' answers as types only: it reaches the platform through the API alone",
      severity: 'error',
      from: { path: '^console/src/' },
      to: { path: '^(adapters|functions|local|infra|scripts|bench|test)/|^shared/ports/' },
    },
    {
      name: 'console-services-as-types',
      comment: 'shared/services run on the server: the console imports their return types, never their code',
      severity: 'error',
      from: { path: '^console/src/' },
      to: { path: '^shared/services/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles at run time (a cycle through type-only imports is erased by the compiler)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      // aws-lambda is a types-only package (@types/aws-lambda)
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdk\\.out|test-artifacts|coverage)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
