import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';

/** The local addresses a wildcard address (`0.0.0.0`, `::`) listens on. */
function interfaceAddresses(family: 'IPv4' | 'IPv6' | 'both'): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((entry) => (entry && (family === 'both' || entry.family === family) ? [entry.address] : []));
}

const isLoopback = (address: string) => address === '::1' || address.startsWith('127.');

/**
 * The origins browsers can reach a server at that listens on `address`, when the operator named no public URL:
 * `http://` with each address it listens on and its port, plus `localhost` when one of them is a loopback address.
 * They are known from the socket, never from a request's `Host` header.
 */
export function listeningOrigins({ address, port }: AddressInfo): string[] {
  const hosts =
    address === '0.0.0.0'
      ? interfaceAddresses('IPv4')
      : address === '::'
        ? interfaceAddresses('both')
        : [address];
  const origins = hosts
    .filter((host) => !host.includes('%')) // link-local addresses with a zone cannot be an origin
    .map((host) => new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}`).origin);
  if (hosts.some(isLoopback)) origins.push(`http://localhost:${port}`);
  return [...new Set(origins)];
}
