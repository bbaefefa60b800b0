import { describeDifferentialShard } from './differential-suite';

describeDifferentialShard(3);
