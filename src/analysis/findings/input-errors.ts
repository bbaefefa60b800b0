import { InputError } from '../cfn/input-errors';
import { Cause, Finding } from '../report';

/**
 * Input errors (cfn/input-errors.ts) in the report. Each one is a cause on every finding, first, and no finding
 * keeps a decided verdict: what the unreadable part was meant to hold could be any policy of the app — a grant
 * that turns a DENY for want of an Allow into an ALLOW, or a Deny that turns an ALLOW into a DENY. When there is
 * no finding at all (the only template cannot be read), the errors make one of their own, so a run over input it
 * cannot read never passes.
 */
export function withInputErrors(findings: readonly Finding[], errors: readonly InputError[]): Finding[] {
  if (errors.length === 0) return [...findings];
  const causes = unique(errors).map(causeOf);
  if (findings.length === 0) {
    return [{ function: '(assembly)', bucket: '(unreadable input)', keyPattern: '*', intent: 'inferred', verdict: 'UNKNOWN', causes }];
  }
  return findings.map((f) => ({ ...f, verdict: 'UNKNOWN', causes: [...causes, ...f.causes] }));
}

function causeOf(error: InputError): Cause {
  return {
    code: 'UNRESOLVED',
    message: `${error.location}${error.templatePath ? ` (${error.templatePath})` : ''}: ${error.message}. CloudFormation rejects `
      + 'this input, and what it was meant to hold could allow or deny any write, so no verdict is decided until it is fixed.',
    location: error.location,
    ...(error.templatePath ? { templatePath: error.templatePath } : {}),
    ...(error.logicalId !== undefined ? { logicalId: error.logicalId } : {}),
    ...(error.jsonPath !== undefined ? { jsonPath: error.jsonPath } : {}),
  };
}

function unique(errors: readonly InputError[]): InputError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.location}\u0000${e.jsonPath ?? ''}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
