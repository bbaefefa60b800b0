import { checkConditions } from './helpers';
import { atom } from '../../../src/iam/symbolic';

// IAM condition operators — IP address: IPv4/IPv6 in CIDR (RFC 4632); a bare address is /32 or /128; no variables.
const KEY = 'aws:SourceIp';
const from = (ip: string) => ({ [KEY]: ip });

describe('IpAddress / NotIpAddress', () => {
  checkConditions([
    { rule: 'IpAddress: an address inside the IPv4 block', operator: 'IpAddress', key: KEY, values: ['203.0.113.0/24'], context: from('203.0.113.77'), expected: 'true' },
    { rule: 'IpAddress: an address outside the IPv4 block', operator: 'IpAddress', key: KEY, values: ['203.0.113.0/24'], context: from('203.0.114.1'), expected: 'false' },
    { rule: 'IpAddress: a bare IPv4 address is a /32 (same)', operator: 'IpAddress', key: KEY, values: ['203.0.113.7'], context: from('203.0.113.7'), expected: 'true' },
    { rule: 'IpAddress: a bare IPv4 address is a /32 (neighbour)', operator: 'IpAddress', key: KEY, values: ['203.0.113.7'], context: from('203.0.113.8'), expected: 'false' },
    { rule: 'IpAddress: /0 holds every IPv4 address', operator: 'IpAddress', key: KEY, values: ['0.0.0.0/0'], context: from('8.8.8.8'), expected: 'true' },
    { rule: 'IpAddress: host bits in the block are masked', operator: 'IpAddress', key: KEY, values: ['10.1.2.3/16'], context: from('10.1.200.1'), expected: 'true' },
    { rule: 'IpAddress: an address inside the IPv6 block', operator: 'IpAddress', key: KEY, values: ['2001:db8::/32'], context: from('2001:db8:1234::1'), expected: 'true' },
    { rule: 'IpAddress: an address outside the IPv6 block', operator: 'IpAddress', key: KEY, values: ['2001:db8::/32'], context: from('2001:db9::1'), expected: 'false' },
    { rule: 'IpAddress: a bare IPv6 address is a /128 (written differently)', operator: 'IpAddress', key: KEY, values: ['2001:0db8:0000:0000:0000:0000:0000:0001'], context: from('2001:db8::1'), expected: 'true' },
    { rule: 'IpAddress: a bare IPv6 address is a /128 (neighbour)', operator: 'IpAddress', key: KEY, values: ['2001:db8::1'], context: from('2001:db8::2'), expected: 'false' },
    { rule: 'IpAddress: IPv6 with an embedded IPv4 tail', operator: 'IpAddress', key: KEY, values: ['::ffff:192.0.2.0/120'], context: from('::ffff:192.0.2.9'), expected: 'true' },
    { rule: 'IpAddress: an IPv4 address is not in an IPv6 block', operator: 'IpAddress', key: KEY, values: ['::/0'], context: from('192.0.2.1'), expected: 'false' },
    { rule: 'IpAddress: several blocks OR', operator: 'IpAddress', key: KEY, values: ['10.0.0.0/8', '2001:db8::/32'], context: from('2001:db8::5'), expected: 'true' },
    { rule: 'NotIpAddress: an address outside every block → true', operator: 'NotIpAddress', key: KEY, values: ['10.0.0.0/8', '192.168.0.0/16'], context: from('203.0.113.1'), expected: 'true' },
    { rule: 'NotIpAddress: an address inside one block → false', operator: 'NotIpAddress', key: KEY, values: ['10.0.0.0/8', '192.168.0.0/16'], context: from('192.168.3.4'), expected: 'false' },
    { rule: 'NotIpAddress: key absent (a request through a VPC endpoint has no aws:SourceIp) → true', operator: 'NotIpAddress', key: KEY, values: ['10.0.0.0/8'], context: {}, expected: 'true', reason: /negated operator is true/ },
    { rule: 'IpAddress: key absent → false', operator: 'IpAddress', key: KEY, values: ['10.0.0.0/8'], context: {}, expected: 'false' },
  ]);
});

describe('IP: what cannot be read is unknown', () => {
  checkConditions([
    { rule: 'an octet above 255', operator: 'IpAddress', key: KEY, values: ['10.0.0.256/24'], context: from('10.0.0.1'), expected: 'unknown', reason: /not an IPv4 or IPv6/ },
    { rule: 'a prefix longer than the address', operator: 'IpAddress', key: KEY, values: ['10.0.0.0/33'], context: from('10.0.0.1'), expected: 'unknown' },
    { rule: 'two :: in an IPv6 address', operator: 'IpAddress', key: KEY, values: ['2001::db8::/32'], context: from('2001:db8::1'), expected: 'unknown' },
    { rule: 'a request value that is a block, not an address', operator: 'IpAddress', key: KEY, values: ['10.0.0.0/8'], context: from('10.0.0.0/16'), expected: 'unknown', reason: /not an IP address/ },
    { rule: 'the Lambda egress address is not in the templates (atom)', operator: 'NotIpAddress', key: KEY, values: ['10.0.0.0/8'], context: from(atom('opaque', 'NAT egress IP')), expected: 'unknown', reason: /NAT egress IP/ },
    { rule: 'no policy variables in IP operators', operator: 'IpAddress', key: KEY, values: ['${aws:PrincipalTag/cidr}'], context: { [KEY]: '10.0.0.1', 'aws:PrincipalTag/cidr': '10.0.0.0/8' }, expected: 'unknown', reason: /do not substitute/ },
  ]);
});
