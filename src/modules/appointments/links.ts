/**
 * The client's link to their appointment is signed (HMAC-SHA256 with a secret the processes
 * share), so it cannot be guessed or forged from a booking id; nothing secret is stored per booking.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signAppointment(secret: string, appointmentId: string): string {
  return createHmac('sha256', secret).update(`appointment:${appointmentId}`).digest('base64url').slice(0, 32);
}

export function verifyAppointmentSignature(secret: string, appointmentId: string, signature: string): boolean {
  const expected = Buffer.from(signAppointment(secret, appointmentId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
