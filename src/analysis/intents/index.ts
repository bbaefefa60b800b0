import { AnalysisEnvironment } from '../input';
import { declaredIntents } from './declared';
import { inferredIntents } from './inferred';
import { WriteIntent } from './types';
import { AppModel } from '../model/types';

/**
 * Every write intent of the app: the recorded ones, plus one inferred intent per (function, bucket) its role
 * may write to and that no recorded intent already covers (a declared intent replaces the inferred one).
 */
export function collectIntents(model: AppModel, environment: AnalysisEnvironment): WriteIntent[] {
  const intents: WriteIntent[] = [];
  for (const fn of model.functions) {
    const declared = declaredIntents(fn, model, environment);
    intents.push(...declared);
    for (const inferred of inferredIntents(fn, model.buckets, environment)) {
      const covered = declared.some((d) => d.bucket === inferred.bucket || (d.bucket && d.bucket.name === inferred.bucket?.name));
      if (!covered) intents.push(inferred);
    }
  }
  return intents;
}
