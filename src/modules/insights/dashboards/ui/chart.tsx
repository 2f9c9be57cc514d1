/**
 * Charts drawn on the server as SVG with d3-scale and d3-shape (no script: the page works with
 * JavaScript off). Every chart is an image with a title and a text alternative; the figures
 * themselves are in the table printed beside it, which is what a screen reader reads.
 * Colours and dash patterns both tell the series apart, so colour is never the only cue.
 */
import { max } from 'd3-array';
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { Language } from '../../../../platform/i18n/index.js';

const WIDTH = 720;
const HEIGHT = 280;
const PAD = { left: 64, right: 16, top: 12, bottom: 32 };
const PALETTE = ['#26374a', '#af3c43', '#1c7d3f', '#7a4e9b', '#b35c00', '#2b6cb0'];
const DASHES = ['', '6 4', '2 3', '10 3 2 3', '4 2', '1 2'];

export interface LineSeries {
  label: string;
  /** One value per x label; null leaves a gap. */
  values: (number | null)[];
}

export interface Band {
  lower: number[];
  upper: number[];
  /** Index of the first x label the band covers. */
  start: number;
}

function Axes({ ticks, y, xLabels, language }: { ticks: number[]; y: (v: number) => number; xLabels: [string, string]; language: Language }) {
  const format = new Intl.NumberFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { notation: 'compact', maximumFractionDigits: 1 });
  return (
    <g>
      <line stroke="#555" x1={PAD.left} y1={HEIGHT - PAD.bottom} x2={WIDTH - PAD.right} y2={HEIGHT - PAD.bottom} />
      <line stroke="#555" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} />
      {ticks.map((tick) => (
        <text key={tick} x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="12" fill="#333">
          {format.format(tick)}
        </text>
      ))}
      <text x={PAD.left} y={HEIGHT - 10} fontSize="12" fill="#333">
        {xLabels[0]}
      </text>
      <text x={WIDTH - PAD.right} y={HEIGHT - 10} textAnchor="end" fontSize="12" fill="#333">
        {xLabels[1]}
      </text>
    </g>
  );
}

function Legend({ labels }: { labels: string[] }) {
  return (
    <figcaption>
      {labels.map((label, i) => (
        <span key={label} className="chart-key">
          <svg width="28" height="10" aria-hidden="true" focusable="false">
            <line x1="0" y1="5" x2="28" y2="5" stroke={PALETTE[i % PALETTE.length]} strokeWidth="3" strokeDasharray={DASHES[i % DASHES.length] || undefined} />
          </svg>{' '}
          {label}{' '}
        </span>
      ))}
    </figcaption>
  );
}

/** Lines over shared x labels, with an optional shaded band (a prediction interval). */
export function LineChart({ id, title, description, x, series, bands = [], language }: { language: Language; id: string; title: string; description: string; x: string[]; series: LineSeries[]; bands?: Band[] }) {
  const top = max([...series.flatMap((s) => s.values.map((v) => v ?? 0)), ...bands.flatMap((b) => b.upper)]) ?? 0;
  const xs = scalePoint<number>().domain(x.map((_, i) => i)).range([PAD.left, WIDTH - PAD.right]);
  const y = scaleLinear().domain([0, Math.max(1, top)]).nice().range([HEIGHT - PAD.bottom, PAD.top]);
  const path = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => xs(i) ?? 0)
    .y((v) => y(v ?? 0));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bands.map((band, i) => {
          const shape = area<number>()
            .x((_, j) => xs(band.start + j) ?? 0)
            .y0((_, j) => y(band.lower[j] ?? 0))
            .y1((v) => y(v));
          return <path key={i} d={shape(band.upper) ?? ''} fill="#26374a" fillOpacity={0.12 + 0.1 * i} stroke="none" />;
        })}
        <Axes ticks={y.ticks(4)} y={y} xLabels={[x[0] ?? '', x.at(-1) ?? '']} language={language} />
        {series.map((s, i) => (
          <path key={s.label} d={path(s.values) ?? ''} fill="none" stroke={PALETTE[i % PALETTE.length]} strokeWidth="2.5" strokeDasharray={DASHES[i % DASHES.length] || undefined} />
        ))}
      </svg>
      <Legend labels={series.map((s) => s.label)} />
    </figure>
  );
}

/** Vertical bars, one per x label (agents per half-hour). */
export function BarChart({ id, title, description, x, values, limit, limitLabel, language }: { language: Language; id: string; title: string; description: string; x: string[]; values: number[]; limit?: number | undefined; limitLabel?: string }) {
  const xs = scaleBand<number>().domain(x.map((_, i) => i)).range([PAD.left, WIDTH - PAD.right]).padding(0.15);
  const y = scaleLinear().domain([0, Math.max(1, max(values) ?? 0, limit ?? 0)]).nice().range([HEIGHT - PAD.bottom, PAD.top]);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {values.map((v, i) => (
          <rect key={i} x={xs(i)} y={y(v)} width={xs.bandwidth()} height={Math.max(0, y(0) - y(v))} fill="#26374a" />
        ))}
        {limit !== undefined ? <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(limit)} y2={y(limit)} stroke="#af3c43" strokeWidth="2" strokeDasharray="6 4" /> : null}
        <Axes ticks={y.ticks(4)} y={y} xLabels={[x[0] ?? '', x.at(-1) ?? '']} language={language} />
      </svg>
      {limit !== undefined && limitLabel ? (
        <figcaption>
          <svg width="28" height="10" aria-hidden="true" focusable="false">
            <line x1="0" y1="5" x2="28" y2="5" stroke="#af3c43" strokeWidth="3" strokeDasharray="6 4" />
          </svg>{' '}
          {limitLabel}
        </figcaption>
      ) : null}
    </figure>
  );
}
