/**
 * "Find a service point" for the public: a plain GET form (no JavaScript needed) with a place and
 * a service; the answer lists the nearest serving sites with distance and opening status.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { createHolidayCalendar } from '../../../platform/holidays.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { ErrorSummary, type FieldError } from '../../../web/components.js';
import * as network from '../network.service.js';
import type { OpeningStatus } from '../opening.js';
import type { ReactElement } from 'react';

/** The panel slot of each result of the find page, given `{ id, service, open }`. */
export const FIND_RESULT_PANEL = 'network.find.result';
import { createNominatimGeocoder, createPostalCodeGeocoder } from '../geocoder.js';
import { createPlaceSearch } from '../place-search.js';
import { listCanadianPlaces } from '../places.js';
import type { PointCache } from '../point-cache.js';
import { ServiceSelect } from './components.js';
import { findServicePointsNearPlace, findServicePointsNearPosition, type FindOutcome } from '../search.service.js';

const first = (value: unknown) => fieldText(value, 100).trim();

/** "Tuesday, December 1" in the page's language (a local calendar day). */
export const visitDay = (date: string, language: 'en' | 'fr') =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(`${date}T12:00:00Z`));

function OpeningText({ opening, t, language }: { opening: OpeningStatus; t: PageContext['t']; language: 'en' | 'fr' }) {
  if (opening.open) return <strong className="open-now">{t('network.find.open_until', { time: opening.closesAt })}</strong>;
  const holiday = opening.holiday ? `${t('network.find.holiday_closed', { holiday: opening.holiday })} ` : '';
  if (!opening.next) return <>{holiday + t('network.find.no_hours')}</>;
  // French writes weekdays in lower case within a sentence.
  const dayName = t(`network.weekday.${opening.next.weekday}`);
  const day = language === 'fr' ? dayName.toLowerCase() : dayName;
  return <>{holiday + (opening.next.daysAhead === 0 ? t('network.find.opens_today', { time: opening.next.opensAt }) : t('network.find.opens_on', { day, time: opening.next.opensAt }))}</>;
}

function Results({ outcome, context, service, panels }: { outcome: FindOutcome; context: PageContext; service: string; panels: ReactElement[][] }) {
  const { t, href, language } = context;
  if (outcome.kind === 'choose') {
    return (
      <section aria-labelledby="choose-heading">
        <h2 id="choose-heading">{t('network.find.choose_place')}</h2>
        <ul>
          {outcome.places.map((place) => {
            const params = new URLSearchParams({ place: `${place.name}, ${place.provinceCode}`, service });
            return (
              <li key={place.id}>
                <a href={`${href('network.find')}?${params.toString()}`}>{`${place.name} (${place.provinceCode})`}</a>
              </li>
            );
          })}
        </ul>
      </section>
    );
  }
  if (outcome.kind !== 'results') return null;
  const format = new Intl.NumberFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 });
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">{t('network.find.results_heading', { place: outcome.place.provinceCode ? `${outcome.place.name} (${outcome.place.provinceCode})` : outcome.place.name, count: outcome.results.length })}</h2>
      {outcome.origin === 'postal_area' ? <p>{t('network.find.postal_area_note', { area: outcome.place.name.slice(0, 3) })}</p> : null}
      {outcome.results.length > 0 ? (
        <div
          id="results-map"
          className="results-map"
          hidden
          data-src={`/api/v1/service-points/results-map.svg?${new URLSearchParams({ lat: String(outcome.place.latitude), lon: String(outcome.place.longitude), codes: outcome.results.slice(0, 20).map((r) => r.point.code).join(',') }).toString()}`}
          data-alt={t('network.find.map_alt', { count: Math.min(outcome.results.length, 20) })}
        />
      ) : null}
      <ol className="results">
        {outcome.results.map(({ point, distanceKm, opening, nextVisit }, i) => (
          <li key={point.id}>
            <a href={href('network.site', { code: point.code })}>{language === 'fr' ? point.nameFr : point.nameEn}</a>
            <p>
              {t(`network.type.${point.type}`)} · {t('network.find.distance', { km: format.format(distanceKm) })} ·{' '}
              {nextVisit && !opening.open ? (
                t('network.outreach.next_visit', { date: visitDay(nextVisit.date, language), opens: nextVisit.opensAt, closes: nextVisit.closesAt, host: nextVisit.hostCommunity })
              ) : (
                <OpeningText opening={opening} t={t} language={language} />
              )}
              {panels[i]}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A position from `lat` and `lon` when both are numbers inside Canada's bounding box. */
function readPosition(query: Record<string, unknown>): { latitude: number; longitude: number } | null {
  const latitude = Number(first(query.lat));
  const longitude = Number(first(query.lon));
  if (!first(query.lat) || !first(query.lon) || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  return latitude >= 41 && latitude <= 84 && longitude >= -142 && longitude <= -52 ? { latitude, longitude } : null;
}

export function registerFindPage(app: FastifyInstance, deps: ModuleDeps, cache: PointCache): void {
  const { db } = deps.database;
  const allPlaces = listCanadianPlaces();
  const places = createPlaceSearch(allPlaces);
  const holidays = createHolidayCalendar();
  const postalCodes = createPostalCodeGeocoder();
  const geocoder = deps.config.geocoderUrl ? createNominatimGeocoder({ url: deps.config.geocoderUrl }) : undefined;

  registerPage(app, deps.shell, {
    id: 'network.find',
    paths: { en: '/en/find-a-service-point', fr: '/fr/trouver-un-point-de-service' },
    access: 'public',
    modified: '2026-11-23',
    async handler(context) {
      const { t, href, language, request } = context;
      const query = request.query as Record<string, unknown>;
      const place = first(query.place);
      const service = first(query.service);
      const services = await network.listServices({ db });
      const position = readPosition(query);
      const submitted = 'place' in query;
      const errors: FieldError[] = [];
      if (submitted && !position && place.length < 2) errors.push({ field: 'place', message: t('network.find.place_required') });
      const validService = services.some((s) => s.code === service) ? service : '';
      let outcome: FindOutcome | undefined;
      if (position) {
        outcome = await findServicePointsNearPosition({ db, cache, places: allPlaces, holidays, language, clock: deps.clock, ...position, service: validService || undefined });
      } else if (submitted && errors.length === 0) {
        outcome = await findServicePointsNearPlace({ db, cache, places, postalCodes, geocoder, holidays, language, clock: deps.clock, place, service: validService || undefined });
        if (outcome.kind === 'unknown_place') errors.push({ field: 'place', message: t('network.find.place_unknown', { place }) });
        if (outcome.kind === 'unknown_postal_code') errors.push({ field: 'place', message: t('network.find.postal_code_unknown', { postalCode: outcome.postalCode }) });
      }
      // Other capabilities add to each result (the visits module: the wait now for the service).
      const panels =
        outcome?.kind === 'results' && validService
          ? await Promise.all(outcome.results.map((r) => deps.shell.panels.render(FIND_RESULT_PANEL, { id: r.point.id, service: validService, open: r.opening.open }, context)))
          : [];
      const placeError = errors.find((e) => e.field === 'place')?.message;
      return {
        title: t('network.find.title'),
        scripts: ['/assets/near-me.js', '/assets/find-map.js'],
        status: errors.length > 0 ? 400 : 200,
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }],
        body: (
          <>
            <ErrorSummary errors={errors} t={t} />
            <p>{t('network.find.intro')}</p>
            <form method="get" action={href('network.find')} className="filters" role="search">
              <div className={placeError ? 'field field-error' : 'field'}>
                <label htmlFor="place">{t('network.find.place_label')}</label>
                <p className="hint" id="place-hint">
                  {t('network.find.place_hint')}
                </p>
                {placeError ? (
                  <p className="error-message" id="place-error">
                    <strong>{t('form.error_prefix')}</strong> {placeError}
                  </p>
                ) : null}
                <input id="place" name="place" type="search" defaultValue={place} autoComplete="address-level2"
                  aria-describedby={placeError ? 'place-hint place-error' : 'place-hint'} aria-invalid={placeError ? true : undefined} />
              </div>
              <ServiceSelect services={services} value={validService} language={language} t={t} />
              <button type="submit">{t('network.find.submit')}</button>{' '}
              {/* Shown by near-me.js when the browser can offer a position; nothing without JavaScript. */}
              <button type="button" id="near-me" hidden data-denied={t('network.find.near_me_failed')}>
                {t('network.find.near_me')}
              </button>
              <span id="near-me-status" role="status" />
            </form>
            {outcome ? <Results outcome={outcome} context={context} service={validService} panels={panels} /> : null}
            <p>
              <a href={href('network.directory')}>{t('network.find.browse_all')}</a>
            </p>
          </>
        ),
      };
    },
  });
}
