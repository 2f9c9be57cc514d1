/**
 * The address a throttle counts against: what one client controls. An IPv4 address, or an IPv6
 * /64 — a subscriber is usually given a whole /64, so counting single IPv6 addresses would hand
 * every guesser billions of fresh ones. An IPv4 address written as IPv6 (`::ffff:a.b.c.d`) is the
 * IPv4 address. Callers that are not on the network (the telephone) name their own address.
 */
import ipaddr from 'ipaddr.js';

export function networkAddress(ip: string | null | undefined): string {
  if (!ip) return 'ip:none';
  if (!ipaddr.isValid(ip)) return `ip:${ip}`;
  const parsed = ipaddr.process(ip);
  if (parsed.kind() === 'ipv4') return `ip:${parsed.toString()}`;
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `ip6:${prefix.join(':')}::/64`;
}
