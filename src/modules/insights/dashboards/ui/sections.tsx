/** The dashboard's sections: each chart with its figures in a table beside it, or "no data yet". */
import type { ReactNode } from 'react';
import type { Language, Translate } from '../../../../platform/i18n/index.js';
import type { DashboardFigures, PeriodFigures } from '../dashboard.service.js';
import { OUTREACH_STATUSES, type OutreachStatus } from '../outreach.js';
import type { QaErrorRate } from '../../../qa/index.js';
import { CHANNELS } from '../sources.js';
import { LineChart } from './chart.js';
import type { Formatters } from './format.js';
import { ScrollTable } from '../../../../web/components.js';

interface SectionProps {
  figures: DashboardFigures;
  t: Translate;
  language: Language;
  format: Formatters;
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const NoData = ({ t, what }: { t: Translate; what: string }) => <p className="no-data">{t('insights.no_data', { what })}</p>;

/** Seed 000's table: one row per channel, one column per period, then the total. */
export function VolumesSection({ figures, t, language, format }: SectionProps) {
  const labels = figures.periods.map((p) => format.period(p.period, figures.filter.period));
  const present = CHANNELS.filter((c) => figures.channelsWithData.includes(c));
  return (
    <Section id="volumes" title={t('insights.volumes.title')}>
      {present.length === 0 ? (
        <NoData t={t} what={t('insights.volumes.title')} />
      ) : (
        <LineChart
          id="volumes-chart"
          language={language}
          title={t('insights.volumes.chart_title')}
          description={t('insights.volumes.chart_desc', { channels: present.map((c) => t(`insights.channel.${c}`)).join(', '), from: labels[0] ?? '', to: labels.at(-1) ?? '' })}
          x={labels}
          series={present.map((c) => ({ label: t(`insights.channel.${c}`), values: figures.periods.map((p) => p.volumes[c]) }))}
        />
      )}
      <ScrollTable id="volumes-caption" caption={t('insights.volumes.caption', { from: format.date(figures.filter.from), to: format.date(figures.filter.to) })}>
        <thead>
          <tr>
            <th scope="col">{t('insights.volumes.channel')}</th>
            {labels.map((label) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
            <th scope="col">{t('insights.total')}</th>
          </tr>
        </thead>
        <tbody>
          {CHANNELS.map((c) => (
            <tr key={c}>
              <th scope="row">{t(`insights.channel.${c}`)}</th>
              {figures.total.volumes[c] === null ? (
                <td colSpan={labels.length + 1}>{t('insights.no_data_short')}</td>
              ) : (
                <>
                  {figures.periods.map((p) => (
                    <td key={p.period}>{format.count(p.volumes[c])}</td>
                  ))}
                  <td>{format.count(figures.total.volumes[c])}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Section>
  );
}

interface Measure {
  key: string;
  pick: (p: PeriodFigures) => number | null;
  kind: 'share' | 'minutes';
}

/** One chart and table of measures per period (waits, answer rate, standards). */
export function MeasuresSection({ figures, t, language, format, id, measures, note }: SectionProps & { id: string; measures: Measure[]; note?: string }) {
  const shown = measures.filter((m) => m.pick(figures.total) !== null);
  const labels = figures.periods.map((p) => format.period(p.period, figures.filter.period));
  // One unit per chart: the measures of the first one's kind (percent or minutes).
  const charted = shown.filter((m) => m.kind === shown[0]?.kind);
  const scaled = (m: Measure, p: PeriodFigures) => {
    const v = m.pick(p);
    return v === null ? null : m.kind === 'share' ? v * 100 : v;
  };
  const value = (m: Measure, p: PeriodFigures) => (m.kind === 'share' ? format.share(m.pick(p)) : format.decimal(m.pick(p)));
  return (
    <Section id={id} title={t(`insights.${id}.title`)}>
      {note ? <p>{note}</p> : null}
      {shown.length === 0 ? (
        <NoData t={t} what={t(`insights.${id}.title`)} />
      ) : (
        <>
          <LineChart
            id={`${id}-chart`}
            language={language}
            title={t(`insights.${id}.chart_${charted[0]!.kind}`)}
            description={t('insights.measures_desc', { measures: charted.map((m) => `${t(m.key)} ${value(m, figures.total)}`).join('; ') })}
            x={labels}
            series={charted.map((m) => ({ label: t(m.key), values: figures.periods.map((p) => scaled(m, p)) }))}
          />
          <ScrollTable id={`${id}-caption`} caption={t(`insights.${id}.caption`)}>
            <thead>
              <tr>
                <th scope="col">{t('insights.period')}</th>
                {shown.map((m) => (
                  <th scope="col" key={m.key}>
                    {t(m.key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...figures.periods, { ...figures.total, period: 'total' }].map((p) => (
                <tr key={p.period}>
                  <th scope="row">{p.period === 'total' ? t('insights.total') : format.period(p.period, figures.filter.period)}</th>
                  {shown.map((m) => (
                    <td key={m.key}>{value(m, p)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
    </Section>
  );
}

export const WAIT_MEASURES: Measure[] = [
  { key: 'insights.waits.mean_wait', pick: (p) => p.meanWaitMinutes, kind: 'minutes' },
  { key: 'insights.waits.within_target', pick: (p) => p.servedWithinTarget, kind: 'share' },
];
export const ANSWER_MEASURES: Measure[] = [
  { key: 'insights.answer.answer_rate', pick: (p) => p.answerRate, kind: 'share' },
  { key: 'insights.answer.service_level', pick: (p) => p.callServiceLevel, kind: 'share' },
];
export const STANDARD_MEASURES: Measure[] = [
  { key: 'insights.standards.applications', pick: (p) => p.applicationsWithinStandard, kind: 'share' },
  { key: 'insights.standards.inquiries', pick: (p) => p.inquiriesWithinStandard, kind: 'share' },
  { key: 'insights.waits.within_target', pick: (p) => p.servedWithinTarget, kind: 'share' },
];

/** Files reviewed by quality assurance and the share found in error, per fiscal quarter, with its 95 % interval. */
export function QaSection({ rates, t, format }: { rates: readonly QaErrorRate[]; t: Translate; format: Formatters }) {
  return (
    <Section id="qa" title={t('insights.qa.title')}>
      {rates.length === 0 ? (
        <NoData t={t} what={t('insights.qa.title')} />
      ) : (
        <table>
          <caption>{t('insights.qa.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('insights.qa.quarter')}</th>
              <th scope="col">{t('insights.qa.reviewed')}</th>
              <th scope="col">{t('insights.qa.in_error')}</th>
              <th scope="col">{t('insights.qa.rate')}</th>
              <th scope="col">{t('insights.qa.interval')}</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((r) => (
              <tr key={r.quarter}>
                <th scope="row">{r.quarter}</th>
                <td>{format.count(r.reviewed)}</td>
                <td>{format.count(r.inError)}</td>
                <td>{format.share(r.rate)}</td>
                <td>{r.interval ? `${format.share(r.interval.low)} – ${format.share(r.interval.high)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function ReactivationSection({ counts, t, format, href }: { counts: Record<OutreachStatus, number>; t: Translate; format: Formatters; href: string }) {
  return (
    <Section id="reactivation" title={t('insights.reactivation.title')}>
      <table>
        <caption>{t('insights.reactivation.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('insights.reactivation.status')}</th>
            <th scope="col">{t('insights.reactivation.sites')}</th>
          </tr>
        </thead>
        <tbody>
          {OUTREACH_STATUSES.map((s) => (
            <tr key={s}>
              <th scope="row">{t(`insights.reactivation.status.${s}`)}</th>
              <td>{format.count(counts[s])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={href}>{t('insights.reactivation.link')}</a>
      </p>
    </Section>
  );
}
