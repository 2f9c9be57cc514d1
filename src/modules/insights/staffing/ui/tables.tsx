/**
 * Two simulation results side by side: a summary with the difference, then each line (or
 * service) and each team (or counter group). Tables, not charts: they read aloud well and print.
 */
import type { Language, Translate } from '../../../../platform/i18n/index.js';
import type { ClassResult, SimulationResult } from '../sim/model.js';

type Format = 'count' | 'percent' | 'seconds';

const SUMMARY: { key: string; format: Format; value: (r: ClassResult) => number }[] = [
  { key: 'offered', format: 'count', value: (r) => r.offered },
  { key: 'answer_rate', format: 'percent', value: (r) => r.answerRate },
  { key: 'service_level', format: 'percent', value: (r) => r.serviceLevel },
  { key: 'probability_of_waiting', format: 'percent', value: (r) => r.probabilityOfWaiting },
  { key: 'abandonment', format: 'percent', value: (r) => r.abandonmentRate },
  { key: 'mean_wait', format: 'seconds', value: (r) => r.wait.mean },
  { key: 'p50_wait', format: 'seconds', value: (r) => r.wait.p50 },
  { key: 'p90_wait', format: 'seconds', value: (r) => r.wait.p90 },
  { key: 'callbacks_requested', format: 'count', value: (r) => r.callbacksRequested },
  { key: 'callbacks_completed', format: 'count', value: (r) => r.callbacksCompleted },
  { key: 'callbacks_failed', format: 'count', value: (r) => r.callbacksFailed },
  { key: 'mean_callback_delay', format: 'seconds', value: (r) => r.callbackDelay.mean },
  { key: 'p90_callback_delay', format: 'seconds', value: (r) => r.callbackDelay.p90 },
  { key: 'mean_lobby', format: 'seconds', value: (r) => r.meanLobbySeconds },
];

function formatter(language: Language) {
  const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const seconds = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 0 });
  return (format: Format, value: number, signed = false) => {
    const sign = signed && value > 0 ? '+' : '';
    return sign + (format === 'count' ? count : format === 'percent' ? percent : seconds).format(value);
  };
}

/** A scenario's line, service or team name, translated when it is one of the examples'. */
const nameOf = (t: Translate, name: string) => {
  const key = `insights.sim.name.${name}`;
  const label = t(key);
  return label === key ? name : label;
};

export function ComparisonTables({ t, language, labels, results }: { t: Translate; language: Language; labels: string[]; results: SimulationResult[] }) {
  const f = formatter(language);
  const [a, b] = results;
  if (!a) return null;
  return (
    <>
      <table id="what-if-summary">
        <caption>{t('insights.what_if.summary_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('insights.what_if.measure')}</th>
            {labels.map((label) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
            {b ? <th scope="col">{t('insights.what_if.difference')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {SUMMARY.map((row) => (
            <tr key={row.key} data-measure={row.key}>
              <th scope="row">{t(`insights.what_if.measure.${row.key}`)}</th>
              {results.map((r, i) => (
                <td key={i}>{f(row.format, row.value(r.totals))}</td>
              ))}
              {b ? <td>{f(row.format, row.value(b.totals) - row.value(a.totals), true)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ByClass t={t} f={f} labels={labels} results={results} />
      <table id="what-if-utilisation">
        <caption>{t('insights.what_if.utilisation_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('insights.what_if.team')}</th>
            {labels.map((label) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {a.groups.map((group, g) => (
            <tr key={group.name}>
              <th scope="row">{nameOf(t, group.name)}</th>
              {results.map((r, i) => (
                <td key={i}>{f('percent', r.groups[g]?.utilisation ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ByClass({ t, f, labels, results }: { t: Translate; f: ReturnType<typeof formatter>; labels: string[]; results: SimulationResult[] }) {
  const columns: { key: string; format: Format; value: (r: ClassResult) => number }[] = [
    { key: 'service_level', format: 'percent', value: (r) => r.serviceLevel },
    { key: 'abandonment', format: 'percent', value: (r) => r.abandonmentRate },
    { key: 'mean_wait', format: 'seconds', value: (r) => r.wait.mean },
  ];
  return (
    <table id="what-if-by-line">
      <caption>{t('insights.what_if.by_line_caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('insights.what_if.line')}</th>
          {columns.flatMap((c) =>
            labels.map((label) => (
              <th scope="col" key={`${c.key}-${label}`}>
                {t(`insights.what_if.measure.${c.key}`)} — {label}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        {results[0]!.classes.map((cls, k) => (
          <tr key={cls.name}>
            <th scope="row">{nameOf(t, cls.name)}</th>
            {columns.flatMap((c) => results.map((r, i) => <td key={`${c.key}-${i}`}>{f(c.format, c.value(r.classes[k]!))}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
