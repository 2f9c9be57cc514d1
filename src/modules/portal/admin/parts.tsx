/** Pieces the administration pages share: choices, the assignments fieldset, assignments read aloud, reading a form. */
import { Type } from 'typebox';
import type { AssignmentsInput } from '../../../platform/auth/assignments.js';
import type { Actor } from '../../../platform/audit.repo.js';
import { ROLES, type Role } from '../../../platform/auth/roles.js';
import type { Language, Translate } from '../../../platform/i18n/index.js';
import { fieldList, fieldText } from '../../../platform/ssr/input.js';
import type { PageContext } from '../../../platform/ssr/pages.js';

/** Any posted form of these pages: text fields and repeated checkboxes, bounded. */
export const AdminForm = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })]));

export const breadcrumbs = (context: PageContext, extra: { href: string; label: string }[] = []) => [
  { href: context.href('portal.home'), label: context.t('shell.home') },
  { href: context.href('portal.staff'), label: context.t('staff.title') },
  ...extra,
];

export interface Named {
  code: string;
  name_en: string;
  name_fr: string;
}
export interface Assignable {
  provinces: Named[];
  programmes: Named[];
  lines: Named[];
}

export interface AssignmentValues {
  national: boolean;
  sites: string;
  regions: string[];
  programmes: string[];
  lines: string[];
}

export const emptyAssignments: AssignmentValues = { national: false, sites: '', regions: [], programmes: [], lines: [] };

export function readAssignments(body: Record<string, unknown>): AssignmentValues {
  return {
    national: fieldText(body.national, 10) === 'yes',
    sites: fieldText(body.sites, 2000),
    regions: fieldList(body.regions, 10),
    programmes: fieldList(body.programmes, 40),
    lines: fieldList(body.lines, 40),
  };
}

export const toInput = (values: AssignmentValues): AssignmentsInput => ({
  national: values.national,
  sites: values.sites.split(/[\s,;]+/).filter(Boolean),
  regions: values.regions,
  programmes: values.programmes,
  lines: values.lines,
});

/** Roles the actor may give: a supervisor cannot make an administrator. */
export const grantableRoles = (actor: Actor): readonly Role[] => (actor.type === 'system' || actor.role === 'admin' ? ROLES : ROLES.filter((r) => r !== 'admin'));
export const mayGrantNational = (actor: Actor) => actor.type === 'system' || actor.role === 'admin';

export function Select({ id, label, value, options, error, hint }: { id: string; label: string; value: string; options: { value: string; label: string }[]; error?: string | undefined; hint?: string }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select id={id} name={id} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkboxes({ id, legend, options, chosen, error }: { id: string; legend: string; options: { value: string; label: string }[]; chosen: readonly string[]; error?: string | undefined }) {
  return (
    <fieldset className={error ? 'field field-error admin-choices' : 'field admin-choices'} id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {options.map((o) => (
        <div className="field checkbox" key={o.value}>
          <input type="checkbox" id={`${id}-${o.value}`} name={id} value={o.value} defaultChecked={chosen.includes(o.value)} />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

const nameIn = (language: Language) => (row: Named) => (language === 'fr' ? row.name_fr : row.name_en);

/** Where someone works, as a form: service point codes, provinces, programmes, lines, and national for administrators. */
export function AssignmentsFieldset({ t, language, assignable, values, error, national }: { t: Translate; language: Language; assignable: Assignable; values: AssignmentValues; error: (field: string) => string | undefined; national: boolean }) {
  const name = nameIn(language);
  const options = (rows: Named[]) => rows.map((r) => ({ value: r.code, label: name(r) }));
  return (
    <fieldset className="admin-assignments">
      <legend>{t('admin.assign.legend')}</legend>
      <p className="hint">{t('admin.assign.hint')}</p>
      {national ? (
        <div className="field checkbox">
          <input type="checkbox" id="national" name="national" value="yes" defaultChecked={values.national} />
          <label htmlFor="national">{t('admin.assign.national')}</label>
        </div>
      ) : null}
      <div className={error('sites') ? 'field field-error' : 'field'}>
        <label htmlFor="sites">{t('admin.assign.sites')}</label>
        <p className="hint" id="sites-hint">
          {t('admin.assign.sites_hint')}
        </p>
        {error('sites') ? (
          <p className="error-message" id="sites-error">
            {error('sites')}
          </p>
        ) : null}
        <input id="sites" name="sites" type="text" defaultValue={values.sites} aria-describedby={error('sites') ? 'sites-hint sites-error' : 'sites-hint'} aria-invalid={error('sites') ? true : undefined} />
      </div>
      <Checkboxes id="regions" legend={t('admin.assign.regions')} options={options(assignable.provinces)} chosen={values.regions} error={error('regions')} />
      <Checkboxes id="programmes" legend={t('admin.assign.programmes')} options={options(assignable.programmes)} chosen={values.programmes} error={error('programmes')} />
      {assignable.lines.length > 0 ? <Checkboxes id="lines" legend={t('admin.assign.lines')} options={options(assignable.lines)} chosen={values.lines} error={error('lines')} /> : null}
    </fieldset>
  );
}

export interface DescribedScope {
  national: boolean;
  sites: { code: string; name: string }[];
  regions: string[];
  programmes: string[];
  lines: string[];
}

/** Assignments read aloud: "Service points: SCC-QC-001 Rimouski · Regions: Quebec …". */
export function ScopeSummary({ scope, t }: { scope: DescribedScope; t: Translate }) {
  if (scope.national) return <>{t('admin.scope.national')}</>;
  const parts = [
    scope.sites.length > 0 ? { key: 'sites', label: t('admin.scope.sites'), text: scope.sites.map((s) => (s.name ? `${s.code} (${s.name})` : s.code)).join(', ') } : null,
    scope.regions.length > 0 ? { key: 'regions', label: t('admin.scope.regions'), text: scope.regions.join(', ') } : null,
    scope.programmes.length > 0 ? { key: 'programmes', label: t('admin.scope.programmes'), text: scope.programmes.join(', ') } : null,
    scope.lines.length > 0 ? { key: 'lines', label: t('admin.scope.lines'), text: scope.lines.join(', ') } : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return <>{t('admin.scope.none')}</>;
  return (
    <ul className="admin-scope">
      {parts.map((p) => (
        <li key={p.key}>
          <strong>{p.label}</strong> {p.text}
        </li>
      ))}
    </ul>
  );
}

/** A secret shown once, with what to do with it. */
export function SecretOnce({ label, secret, t }: { label: string; secret: string; t: Translate }) {
  return (
    <div className="notice notice-warning" role="status">
      <p>{label}</p>
      <p>
        <code className="admin-secret">{secret}</code>
      </p>
      <p>{t('admin.secret_once')}</p>
    </div>
  );
}
