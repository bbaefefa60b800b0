// Lambda code imports the runtime helper through its public entry point, not a path inside lib/.
import { buildPutObjectInput } from 'cdk-secure-lambda-writer/runtime';

export function putInput(key: string) {
  return buildPutObjectInput(key);
}
