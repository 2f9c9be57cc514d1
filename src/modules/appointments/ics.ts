/** The iCalendar file sent with each confirmation (ical-generator writes RFC 5545). */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export function appointmentCalendar(options: {
  id: string;
  sequence: number;
  cancelled: boolean;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string;
  url: string;
  now: Date;
}): string {
  const calendar = ical({ prodId: { company: 'Guichet', product: 'appointments', language: 'EN' }, method: options.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: `${options.id}@guichet`,
    sequence: options.sequence,
    stamp: options.now,
    start: options.startsAt,
    end: options.endsAt,
    summary: options.summary,
    description: options.description,
    location: options.location,
    url: options.url,
    status: options.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
