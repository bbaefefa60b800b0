// The runtime helper's public entry point, `cdk-secure-lambda-writer/runtime`: dependency-free code for the Lambda
// function, which has no aws-cdk-lib. Re-exports only.
export * from './put-object-input';
export { DEFAULT_ENVIRONMENT_PREFIX, ENVIRONMENT_SUFFIXES, environmentName } from './environment-names';
