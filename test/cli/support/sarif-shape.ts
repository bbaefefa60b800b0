/**
 * A small structural check of SARIF 2.1.0 as GitHub code scanning reads it (docs.github.com, "SARIF support for
 * code scanning": required `runs[].tool.driver.name`, `results[].message.text`, a location with
 * `artifactLocation.uri` and `region.startLine`, `ruleIndex` pointing at the rule named by `ruleId`), and that a
 * relative URI names its base (`uriBaseId`), which the run defines as an absolute directory URI (SARIF 2.1.0,
 * §3.4.4 and §3.14.14, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html).
 * Returns the problems found; an empty list means the shape is right.
 */
export function sarifShapeProblems(log: unknown): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string): void => { problems.push(`${where}: ${what}`); };
  if (!isObject(log)) return ['log: not an object'];
  if (typeof log.$schema !== 'string' || !/sarif-2\.1\.0/.test(log.$schema)) fail('$schema', 'missing or not SARIF 2.1.0');
  if (log.version !== '2.1.0') fail('version', `expected "2.1.0", got ${JSON.stringify(log.version)}`);
  if (!Array.isArray(log.runs) || log.runs.length === 0) return [...problems, 'runs: expected a non-empty array'];

  log.runs.forEach((run: unknown, r: number) => {
    const at = `runs[${r}]`;
    if (!isObject(run)) return fail(at, 'not an object');
    const driver = isObject(run.tool) ? run.tool.driver : undefined;
    if (!isObject(driver)) return fail(`${at}.tool.driver`, 'missing');
    if (!nonEmpty(driver.name)) fail(`${at}.tool.driver.name`, 'missing');
    if (!nonEmpty(driver.version)) fail(`${at}.tool.driver.version`, 'missing');
    if (typeof driver.informationUri !== 'string' || !/^https:\/\//.test(driver.informationUri)) {
      fail(`${at}.tool.driver.informationUri`, 'not an absolute https URI');
    }
    const rules = Array.isArray(driver.rules) ? driver.rules : [];
    if (!Array.isArray(driver.rules)) fail(`${at}.tool.driver.rules`, 'not an array');
    const ids = new Set<string>();
    rules.forEach((rule: unknown, i: number) => {
      const where = `${at}.tool.driver.rules[${i}]`;
      if (!isObject(rule) || !nonEmpty(rule.id)) return fail(where, 'no id');
      if (ids.has(rule.id)) fail(where, `duplicate id ${rule.id}`);
      ids.add(rule.id);
      for (const field of ['shortDescription', 'fullDescription', 'help']) {
        const text = rule[field];
        if (!isObject(text) || !nonEmpty(text.text)) fail(`${where}.${field}.text`, 'missing');
      }
    });
    const bases = isObject(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
    for (const [id, base] of Object.entries(bases)) {
      const uri = isObject(base) ? base.uri : undefined;
      if (typeof uri !== 'string' || !/^[a-z]+:\/\/.*\/$/i.test(uri)) fail(`${at}.originalUriBaseIds.${id}.uri`, `not an absolute URI ending in /: ${String(uri)}`);
    }
    const check = (loc: unknown, where: string) => checkLocation(loc, where, bases, `${at}.originalUriBaseIds`, fail);
    if (!Array.isArray(run.results)) return fail(`${at}.results`, 'not an array');
    run.results.forEach((result: unknown, i: number) => {
      const where = `${at}.results[${i}]`;
      if (!isObject(result)) return fail(where, 'not an object');
      if (!nonEmpty(result.ruleId)) fail(`${where}.ruleId`, 'missing');
      if (typeof result.ruleIndex !== 'number' || !isObject(rules[result.ruleIndex])
        || (rules[result.ruleIndex] as Record<string, unknown>).id !== result.ruleId) {
        fail(`${where}.ruleIndex`, `does not point at rule ${String(result.ruleId)}`);
      }
      if (!['error', 'warning', 'note', 'none'].includes(result.level as string)) fail(`${where}.level`, `invalid ${String(result.level)}`);
      if (!isObject(result.message) || !nonEmpty(result.message.text)) fail(`${where}.message.text`, 'missing');
      if (!Array.isArray(result.locations) || result.locations.length === 0) return fail(`${where}.locations`, 'none');
      result.locations.forEach((loc: unknown, j: number) => check(loc, `${where}.locations[${j}]`));
      if (result.relatedLocations !== undefined) {
        if (!Array.isArray(result.relatedLocations)) fail(`${where}.relatedLocations`, 'not an array');
        else result.relatedLocations.forEach((loc: unknown, j: number) => check(loc, `${where}.relatedLocations[${j}]`));
      }
      if (result.partialFingerprints !== undefined
        && (!isObject(result.partialFingerprints) || Object.values(result.partialFingerprints).some(v => typeof v !== 'string'))) {
        fail(`${where}.partialFingerprints`, 'values must be strings');
      }
      if (result.suppressions !== undefined && (!Array.isArray(result.suppressions)
        || result.suppressions.some((s: unknown) => !isObject(s) || !['inSource', 'external'].includes(s.kind as string)))) {
        fail(`${where}.suppressions`, 'kind must be inSource or external');
      }
    });
  });
  return problems;
}

function checkLocation(
  loc: unknown, where: string, bases: Record<string, unknown>, basesAt: string, fail: (where: string, what: string) => void,
): void {
  if (!isObject(loc)) return fail(where, 'not an object');
  const physical = loc.physicalLocation;
  if (!isObject(physical)) return fail(`${where}.physicalLocation`, 'missing');
  const artifact = physical.artifactLocation;
  if (!isObject(artifact) || !nonEmpty(artifact.uri)) fail(`${where}.physicalLocation.artifactLocation.uri`, 'missing');
  else if (/^(\/|[a-z]+:)/i.test(artifact.uri)) fail(`${where}.physicalLocation.artifactLocation.uri`, `not relative: ${artifact.uri}`);
  else if (!nonEmpty(artifact.uriBaseId)) fail(`${where}.physicalLocation.artifactLocation.uriBaseId`, `missing for the relative URI ${artifact.uri}`);
  else if (!(artifact.uriBaseId in bases)) fail(`${where}.physicalLocation.artifactLocation.uriBaseId`, `${artifact.uriBaseId} is not in ${basesAt}`);
  const region = physical.region;
  if (!isObject(region) || !Number.isInteger(region.startLine) || (region.startLine as number) < 1) {
    fail(`${where}.physicalLocation.region.startLine`, 'must be an integer >= 1');
  }
  if (loc.logicalLocations !== undefined) {
    if (!Array.isArray(loc.logicalLocations)) return fail(`${where}.logicalLocations`, 'not an array');
    loc.logicalLocations.forEach((l: unknown, k: number) => {
      if (!isObject(l) || !nonEmpty(l.fullyQualifiedName)) fail(`${where}.logicalLocations[${k}].fullyQualifiedName`, 'missing');
    });
  }
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
