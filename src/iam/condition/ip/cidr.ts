import { firstProblem, symbolicProblem, variableHint } from '../operator';

/**
 * IP addresses and CIDR blocks for IpAddress/NotIpAddress: "IPv4 or IPv6 ... in CIDR format"; a bare address is a
 * /32 (IPv4) or /128 (IPv6) block (IAM condition operators, IP address). Addresses are numbers (BigInt); a block
 * holds an address when both agree on the first `prefix` bits, i.e. on the quotient by 2^(bits - prefix).
 */
export interface Network {
  readonly family: 4 | 6;
  readonly address: bigint;
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  let value = 0n;
  for (const octet of m.slice(1, 5).map(Number)) {
    if (octet > 255) return undefined;
    value = value * 256n + BigInt(octet);
  }
  return value;
}

function parseHextets(groups: string[]): bigint[] | undefined {
  const out: bigint[] = [];
  for (const [index, group] of groups.entries()) {
    // The last group may be an embedded IPv4 address (::ffff:192.0.2.1): two hextets.
    const v4 = index === groups.length - 1 && group.includes('.') ? parseIpv4(group) : undefined;
    if (v4 !== undefined) {
      out.push(v4 / 65536n, v4 % 65536n);
    } else if (HEXTET.test(group)) {
      out.push(BigInt(parseInt(group, 16)));
    } else {
      return undefined;
    }
  }
  return out;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parseHextets(split(halves[0]));
  const tail = halves.length === 2 ? parseHextets(split(halves[1])) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const hextet of [...head, ...Array<bigint>(missing).fill(0n), ...tail]) value = value * 65536n + hextet;
  return value;
}

/** Parse `address` or `address/prefix`; a prefix is accepted only when `allowPrefix`. */
export function parseNetwork(text: string, allowPrefix: boolean): Network | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const v4 = parseIpv4(addressText);
  const family: 4 | 6 | undefined = v4 !== undefined ? 4 : addressText.includes(':') ? 6 : undefined;
  const address = v4 ?? (family === 6 ? parseIpv6(addressText) : undefined);
  if (family === undefined || address === undefined) return undefined;
  const bits = family === 4 ? 32 : 128;
  if (slash < 0) return { family, address, prefix: bits };
  const prefixText = text.slice(slash + 1);
  if (!allowPrefix || !/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  return { family, address, prefix: Number(prefixText) };
}

/** Does the block hold the address? Host bits set in the block (10.0.0.1/24) are ignored, as a mask would. */
export function networkContains(block: Network, address: Network): boolean {
  if (block.family !== address.family) return false;
  const bits = block.family === 4 ? 32 : 128;
  const size = 2n ** BigInt(bits - block.prefix);
  return block.address / size === address.address / size;
}

export function cidrProblem(value: string): string | undefined {
  return firstProblem(value, symbolicProblem, (v) =>
    (parseNetwork(v, true) ? undefined : `'${v}' is not an IPv4 or IPv6 address or CIDR block${variableHint(v, 'IP address')}`));
}

export function addressProblem(value: string): string | undefined {
  return firstProblem(value, symbolicProblem, (v) => (parseNetwork(v, false) ? undefined : `'${v}' is not an IP address`));
}
