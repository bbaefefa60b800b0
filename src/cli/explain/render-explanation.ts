import { Explanation, reasonText } from './explain-denial';
import { escapeForTerminal } from '../../analysis/text/escape-for-terminal';

/** `--json`: the explanation as one JSON object (raw strings: JSON escaping keeps them inert). */
export function explanationJson(explanation: Explanation): string {
  const { denial, located } = explanation;
  return `${JSON.stringify({
    version: 1,
    message: denial,
    match: {
      function: located.fn?.display,
      role: located.role?.display,
      bucket: located.bucket?.display,
      confidence: located.confidence,
      how: located.how,
    },
    findings: explanation.findings,
    agreement: explanation.agreement,
    explanation: explanation.explanation,
    remediation: explanation.remediation,
  }, null, 2)}\n`;
}

/** The human output: every value from the message or the assembly escaped for the terminal. */
export function explanationText(explanation: Explanation): string {
  const { denial, located } = explanation;
  const lines: string[] = [
    `AWS error: ${denial.errorCode ?? '(no code)'} (${denial.form})${denial.requestId ? `, request id ${denial.requestId}` : ''}`,
    ...(denial.action ? [`  request:  ${denial.action} on ${denial.resourceArn}`] : []),
    ...(denial.principalArn ? [`  caller:   ${denial.principalArn}`] : []),
    `  reason:   ${denial.reason ? reasonText(denial.reason) : 'none given by AWS'}`,
    `In this assembly (match: ${located.confidence}):`,
    `  function: ${located.fn?.display ?? '(not found)'}`,
    `  role:     ${located.role?.display ?? '(not found)'}`,
    `  bucket:   ${located.bucket?.display ?? (denial.bucket ? '(not found)' : '(not named by the message)')}`,
    ...located.how.map(h => `  - ${h}`),
  ];
  if (explanation.findings.length === 0) lines.push('Finding: none for this request');
  for (const finding of explanation.findings) {
    lines.push(`Finding: ${finding.verdict} ${finding.function} -> ${finding.bucket} ${finding.keyPattern}`);
    for (const cause of finding.causes) lines.push(`  ${cause.code}: ${cause.message}`);
  }
  lines.push(`Templates vs AWS: ${explanation.agreement}`, `  ${explanation.explanation}`, 'Remediation:');
  for (const step of explanation.remediation) lines.push(`  - ${step}`);
  return `${lines.map(escapeForTerminal).join('\n')}\n`;
}
