/**
 * The network map for staff, analysts and partners: layers chosen in a GET form, the map drawn on
 * the server as SVG (no JavaScript needed), each cluster a link that zooms into it and each site a
 * link to its page, and beside it a list holding the same information for keyboards and screen
 * readers.
 */
import type { FastifyInstance } from 'fastify';
import { JURISDICTIONS, SERVICE_POINT_STATUSES, SERVICE_POINT_TYPES, type Jurisdiction, type ServicePointStatus, type ServicePointType } from '../../../platform/db/tables.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { fieldErrors, fieldList, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { ErrorSummary, type FieldError } from '../../../web/components.js';
import type { Bbox, MapLayout, MapPoint, Marker } from '../map/layout.js';
import { DEFAULT_LAYERS, drawNetworkMap, parseBbox, type MapLayers } from '../map/map.service.js';
import * as network from '../network.service.js';
import type { PointCache } from '../point-cache.js';
import { ServiceSelect } from './components.js';

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies. */
const TYPE_COLOURS: Record<ServicePointType, string> = {
  scc: '#0072B2',
  scc_consolidated: '#56B4E9',
  passport_site: '#D55E00',
  outreach_site: '#009E73',
  partnership_site: '#CC79A7',
};
const SERVING: readonly ServicePointStatus[] = ['open', 'reactivated'];

const chosen = <T extends string>(value: unknown, allowed: readonly T[]) => fieldList(value, 40).filter((v): v is T => (allowed as readonly string[]).includes(v));

function readLayers(query: Record<string, unknown>): MapLayers {
  // The form always sends `layers`; a bare link to the page gets the defaults.
  if (!('layers' in query)) return { ...DEFAULT_LAYERS, service: fieldText(query.service, 40) || undefined };
  return {
    types: chosen(query.type, SERVICE_POINT_TYPES),
    statuses: chosen(query.status, SERVICE_POINT_STATUSES),
    jurisdictions: chosen(query.jurisdiction, JURISDICTIONS),
    partnerTypes: chosen(query.partner, JURISDICTIONS),
    service: fieldText(query.service, 40) || undefined,
    sizeByVolume: fieldText(query.size, 10) === 'volume',
  };
}

function Checkboxes<T extends string>({ name, values, checked, label, legend }: { name: string; values: readonly T[]; checked: readonly T[]; label: (v: T) => string; legend: string }) {
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {values.map((value) => (
        <div className="field checkbox" key={value}>
          <input type="checkbox" id={`${name}-${value}`} name={name} value={value} defaultChecked={checked.includes(value)} />
          <label htmlFor={`${name}-${value}`}>{label(value)}</label>
        </div>
      ))}
    </fieldset>
  );
}

const pointName = (p: MapPoint, language: 'en' | 'fr') => (language === 'fr' ? p.nameFr : p.nameEn);

function MarkerShape({ marker, t, language, zoomHref, siteHref }: { marker: Marker; t: PageContext['t']; language: 'en' | 'fr'; zoomHref: (bbox: Bbox) => string; siteHref: (code: string) => string }) {
  if (marker.kind === 'cluster') {
    const label = t('network.map.cluster_label', { count: marker.count });
    return (
      <a href={zoomHref(marker.bbox)} aria-label={label}>
        <title>{label}</title>
        <circle cx={marker.x} cy={marker.y} r={marker.r} className="map-cluster" />
        <text x={marker.x} y={marker.y} dy="0.35em" textAnchor="middle" className="map-cluster-count" aria-hidden="true">
          {marker.count}
        </text>
      </a>
    );
  }
  const { point, x, y, r } = marker;
  const label = `${pointName(point, language)} — ${t(`network.type.${point.type}`)}, ${t(`network.status.${point.status}`)}`;
  const colour = TYPE_COLOURS[point.type];
  const serving = SERVING.includes(point.status);
  const shape = { fill: serving ? colour : '#ffffff', stroke: serving ? '#1b1b1b' : colour, strokeWidth: serving ? 1 : 2.5 };
  return (
    <a href={siteHref(point.code)} aria-label={label}>
      <title>{label}</title>
      {point.jurisdiction === 'federal' ? (
        <circle cx={x} cy={y} r={r} {...shape} />
      ) : (
        <rect x={x - r} y={y - r} width={2 * r} height={2 * r} transform={`rotate(45 ${x} ${y})`} {...shape} />
      )}
    </a>
  );
}

function MapFigure({ layout, context, zoomHref, attribution }: { layout: MapLayout; context: PageContext; zoomHref: (bbox: Bbox) => string; attribution: string | undefined }) {
  const { t, href, language } = context;
  const siteHref = (code: string) => href('network.site', { code });
  return (
    <figure className="network-map">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} aria-labelledby="map-caption" focusable="false">
        {layout.tiles.map((tile) => (
          <image key={tile.href} href={tile.href} x={tile.x} y={tile.y} width={tile.size} height={tile.size} aria-hidden="true" />
        ))}
        <g className={layout.tiles.length > 0 ? 'map-land over-tiles' : 'map-land'} aria-hidden="true">
          {layout.boundaries.map((b) => (
            <path key={b.provinceCode} d={b.d} />
          ))}
        </g>
        <g>
          {layout.markers.map((marker) => (
            <MarkerShape key={marker.kind === 'site' ? marker.point.id : `c-${marker.x}-${marker.y}`} marker={marker} t={t} language={language} zoomHref={zoomHref} siteHref={siteHref} />
          ))}
        </g>
      </svg>
      <figcaption id="map-caption">
        {t('network.map.caption', { sites: layout.visible.length, clusters: layout.markers.filter((m) => m.kind === 'cluster').length })}
        <span className="map-attribution"> {t('network.map.boundaries_credit')}</span>
        {attribution ? <span className="map-attribution"> {attribution}</span> : null}
      </figcaption>
    </figure>
  );
}

function Legend({ t }: { t: PageContext['t'] }) {
  const swatch = (children: React.ReactNode) => (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
  return (
    <section aria-labelledby="legend-heading" className="map-legend">
      <h2 id="legend-heading">{t('network.map.legend')}</h2>
      <ul>
        {SERVICE_POINT_TYPES.map((type) => (
          <li key={type}>
            {swatch(<circle cx="9" cy="9" r="6" fill={TYPE_COLOURS[type]} stroke="#1b1b1b" />)} {t(`network.type.${type}`)}
          </li>
        ))}
        <li>{swatch(<circle cx="9" cy="9" r="6" fill="#ffffff" stroke="#0072B2" strokeWidth="2.5" />)} {t('network.map.legend_not_serving')}</li>
        <li>{swatch(<rect x="4" y="4" width="10" height="10" transform="rotate(45 9 9)" fill="#777777" stroke="#1b1b1b" />)} {t('network.map.legend_other_government')}</li>
        <li>{swatch(<circle cx="9" cy="9" r="8" className="map-cluster" />)} {t('network.map.legend_cluster')}</li>
      </ul>
    </section>
  );
}

function SiteTable({ layout, context }: { layout: MapLayout; context: PageContext }) {
  const { t, href, language } = context;
  const number = new Intl.NumberFormat(language === 'fr' ? 'fr-CA' : 'en-CA');
  return (
    <table className="map-list">
      <caption>{t('network.map.list_caption', { count: layout.visible.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('network.col_name')}</th>
          <th scope="col">{t('network.col_type')}</th>
          <th scope="col">{t('network.map.col_status')}</th>
          <th scope="col">{t('network.map.col_jurisdiction')}</th>
          <th scope="col">{t('network.map.col_partners')}</th>
          <th scope="col">{t('network.col_province')}</th>
          <th scope="col">{t('network.map.col_volume')}</th>
        </tr>
      </thead>
      <tbody>
        {layout.visible.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <a href={href('network.site', { code: p.code })}>{pointName(p, language)}</a>
            </th>
            <td>{t(`network.type.${p.type}`)}</td>
            <td>{t(`network.status.${p.status}`)}</td>
            <td>{t(`network.map.jurisdiction.${p.jurisdiction}`)}</td>
            <td>{p.partnerTypes.map((j: Jurisdiction) => t(`network.map.jurisdiction.${j}`)).join(', ') || '—'}</td>
            <td>{p.provinceCode}</td>
            <td>{p.yearlyVolume === null ? '—' : number.format(p.yearlyVolume)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function registerMapPage(app: FastifyInstance, deps: ModuleDeps, cache: PointCache): void {
  const { db } = deps.database;
  registerPage(app, deps.shell, {
    id: 'network.map',
    paths: { en: '/en/network/map', fr: '/fr/reseau/carte' },
    access: 'staff',
    modified: '2026-11-24',
    async handler(context) {
      const { t, href, language, request } = context;
      const query = request.query as Record<string, unknown>;
      const layers = readLayers(query);
      const region = fieldText(query.region, 4).toUpperCase();
      const bboxText = fieldText(query.bbox, 80);
      const [services, provinces] = await Promise.all([network.listServices({ db }), network.listProvinces({ db })]);
      const errors: FieldError[] = [];
      let layout: MapLayout | undefined;
      try {
        const area = bboxText ? { bbox: parseBbox(bboxText) } : region && region !== 'CA' ? { province: region } : undefined;
        layout = await drawNetworkMap({ db, cache, layers, area, tileUrl: deps.config.map.tileUrl });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        errors.push(...fieldErrors(error, t));
      }
      // A cluster's link keeps the layers and swaps the area for the cluster's box.
      const kept = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (k === 'bbox' || k === 'region' ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, String(x)]))));
      const zoomHref = (bbox: Bbox) => `${href('network.map')}?${new URLSearchParams([...kept, ['bbox', bbox.join(',')]]).toString()}`;
      const zoomed = Boolean(bboxText || (region && region !== 'CA'));
      return {
        title: t('network.map.title'),
        status: errors.length > 0 ? 400 : 200,
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }, { href: href('portal.staff'), label: t('staff.title') }],
        body: (
          <>
            <ErrorSummary errors={errors} t={t} />
            <p>{t('network.map.intro')}</p>
            <form method="get" action={href('network.map')} className="map-layers">
              <input type="hidden" name="layers" value="1" />
              <div className="filters">
                <div className="field">
                  <label htmlFor="region">{t('network.map.region')}</label>
                  <select id="region" name="region" defaultValue={region || 'CA'}>
                    <option value="CA">{t('network.map.all_canada')}</option>
                    {provinces.map((p) => (
                      <option key={p.code} value={p.code}>
                        {language === 'fr' ? p.name_fr : p.name_en}
                      </option>
                    ))}
                  </select>
                </div>
                <ServiceSelect services={services} value={layers.service ?? ''} language={language} t={t} />
              </div>
              <Checkboxes name="type" legend={t('network.map.layer_type')} values={SERVICE_POINT_TYPES} checked={layers.types} label={(v) => t(`network.type.${v}`)} />
              <Checkboxes name="status" legend={t('network.map.layer_status')} values={SERVICE_POINT_STATUSES} checked={layers.statuses} label={(v) => t(`network.status.${v}`)} />
              <Checkboxes name="jurisdiction" legend={t('network.map.layer_jurisdiction')} values={JURISDICTIONS} checked={layers.jurisdictions} label={(v) => t(`network.map.jurisdiction.${v}`)} />
              <Checkboxes name="partner" legend={t('network.map.layer_partner')} values={JURISDICTIONS} checked={layers.partnerTypes} label={(v) => t(`network.map.jurisdiction.${v}`)} />
              <div className="field checkbox">
                <input type="checkbox" id="size" name="size" value="volume" defaultChecked={layers.sizeByVolume} />
                <label htmlFor="size">{t('network.map.size_by_volume')}</label>
              </div>
              <button type="submit">{t('network.map.submit')}</button>
            </form>
            {zoomed ? (
              <p>
                <a href={`${href('network.map')}?${kept.toString()}`}>{t('network.map.zoom_out')}</a>
              </p>
            ) : null}
            {layout ? (
              <div className="map-layout">
                <MapFigure layout={layout} context={context} zoomHref={zoomHref} attribution={deps.config.map.tileUrl ? deps.config.map.tileAttribution : undefined} />
                <Legend t={t} />
                <SiteTable layout={layout} context={context} />
              </div>
            ) : null}
          </>
        ),
      };
    },
  });
}
