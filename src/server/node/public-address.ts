import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system's resolver (`/etc/hosts`, then DNS), as the rest of the machine sees names. */
export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

const wellKnownNat64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
const ipv4Compatible = ipaddr.IPv6.parseCIDR('::/96');

/**
 * The ipaddr.js range name of `address` (`unicast`, `private`, `linkLocal`, `carrierGradeNat`, `uniqueLocal`…), with
 * what IPv6 hides of IPv4 seen through: an IPv4-mapped address (`::ffff:10.0.0.1`) and one behind the well-known
 * NAT64 prefix (`64:ff9b::10.0.0.1`, what DNS64 answers for an IPv4-only site on an IPv6-only server) are their IPv4
 * address. ipaddr.js calls the deprecated IPv4-compatible form (`::127.0.0.1`) unicast: it is refused here.
 */
export function addressRange(address: string): string {
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.range();
  const ipv6 = parsed as ipaddr.IPv6;
  if (ipv6.match(wellKnownNat64)) return ipaddr.fromByteArray(ipv6.toByteArray().slice(12)).range();
  const range = ipv6.range();
  return range === 'unicast' && ipv6.match(ipv4Compatible) ? 'ipv4Compatible' : range;
}

/** Whether the server may connect to `address` for another website: public unicast only, or loopback if allowed. */
export function isAllowedAddress(address: string, allowLoopback: boolean): boolean {
  const range = addressRange(address);
  return range === 'unicast' || (allowLoopback && range === 'loopback');
}

/** Where a host may be reached, or why not. */
export type HostAddress =
  | { ok: true; address: string }
  | { ok: false; reason: 'forbidden_address' | 'source_unreachable'; detail: string };

/**
 * The address to connect to for `hostname` (a URL's, IPv6 in brackets): the literal itself, or the first address
 * `resolve` gives. Every address the name has is checked, not only the one used: a name with one public and one
 * private address is refused, since which of them another resolution would give first is up to the name's owner.
 */
export async function allowedAddressOf(
  hostname: string,
  resolve: HostResolver,
  allowLoopback: boolean,
): Promise<HostAddress> {
  const literal = hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(literal)) {
    addresses = [literal];
  } else {
    try {
      addresses = (await resolve(hostname)).map(({ address }) => address);
    } catch (error) {
      const cause = (error as { code?: unknown }).code ?? (error instanceof Error ? error.message : error);
      return { ok: false, reason: 'source_unreachable', detail: `${hostname} not found (${String(cause)})` };
    }
  }
  const [first] = addresses;
  if (first === undefined)
    return { ok: false, reason: 'source_unreachable', detail: `${hostname} has no address` };
  const refused = addresses.find((address) => !isAllowedAddress(address, allowLoopback));
  if (refused !== undefined) {
    return {
      ok: false,
      reason: 'forbidden_address',
      detail: `${refused} refused (${addressRange(refused)})`,
    };
  }
  return { ok: true, address: first };
}
