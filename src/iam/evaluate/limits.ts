import { and, FALSE, TRUE, Tri } from '../tri';
import { LayerVerdict } from './layer';
import { LayerVerdicts } from './layers';

/**
 * A limiter (permissions boundary, session policy) only narrows: without one nothing is limited; with one, the
 * request needs its Allow (IAM "Permissions boundaries for IAM entities", "Session policies").
 */
export function limiterAllows(verdict: LayerVerdict): Tri {
  return verdict.present ? verdict.allow : TRUE;
}

/** Both limiters of the principal's side. */
export function principalLimits(v: LayerVerdicts): Tri {
  return and(limiterAllows(v.boundary), limiterAllows(v.session));
}

/** The limiter layers that certainly fail to allow. */
export function failingLimiters(v: LayerVerdicts): ('boundary' | 'session')[] {
  const out: ('boundary' | 'session')[] = [];
  if (limiterAllows(v.boundary) === FALSE) out.push('boundary');
  if (limiterAllows(v.session) === FALSE) out.push('session');
  return out;
}
