/**
 * How much work the evaluator did, for tests that pin its complexity (test/scale). Internal: not part of the
 * library's API. Counting is one increment; reset by assigning 0.
 */
export const evaluationCounters = {
  /** Statements evaluated (evaluateStatement calls). */
  statements: 0,
  /** Requests decided (evaluate calls). */
  requests: 0,
  /** Traces built for statements the index skipped (resourceMissTrace calls): only a decision's reader asks for them. */
  skippedTraces: 0,
};
