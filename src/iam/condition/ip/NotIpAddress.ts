import { negationOf } from '../operator';
import { IpAddress } from './IpAddress';

/** NotIpAddress: negated matching — true when the address lies in none of the policy's blocks. */
export const NotIpAddress = negationOf('NotIpAddress', IpAddress);
