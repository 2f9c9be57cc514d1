/**
 * The shell of every page, after Canada.ca's conventions: skip link, signature, language toggle
 * to the same page in the other language, one <main>, "date modified", footer. Server-rendered;
 * nothing here needs JavaScript.
 */
import type { ReactNode } from 'react';
import type { Language, Translate } from '../platform/i18n/index.js';

export interface ShellUser {
  name: string;
  role: string;
}

export interface LayoutProps {
  language: Language;
  t: Translate;
  title: string;
  /** The same page in the other language. */
  alternateHref: string;
  homeHref: string;
  apiDocsHref: string;
  modified: string;
  user: ShellUser | null;
  /** Where the sign-out form posts, with its CSRF token, when someone is signed in. */
  signOut?: { action: string; csrfToken: string; staffHref: string };
  breadcrumbs?: { href: string; label: string }[];
  /** Pages that refresh themselves without JavaScript (queues, tickets). */
  refreshSeconds?: number;
  /** Scripts that enhance this page (served from /assets, deferred); the page works without them. */
  scripts?: string[];
  /** A class on <body>, for pages with their own look (the lobby board). */
  bodyClass?: string;
  children: ReactNode;
}

export function Layout(props: LayoutProps) {
  const { t, language } = props;
  const other = language === 'en' ? 'fr' : 'en';
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.refreshSeconds ? <meta httpEquiv="refresh" content={String(props.refreshSeconds)} /> : null}
        <title>{`${props.title} – ${t('shell.product_name')}`}</title>
        <link rel="stylesheet" href="/assets/guichet.css" />
        <link rel="alternate" hrefLang={other} href={props.alternateHref} />
        {(props.scripts ?? []).map((src) => (
          <script key={src} src={src} defer />
        ))}
      </head>
      <body className={props.bodyClass}>
        <nav aria-label={t('shell.skip_links')}>
          <a className="skip-link" href="#main">
            {t('shell.skip_to_main')}
          </a>
        </nav>
        <header className="site-header">
          <div className="container header-row">
            <a className="signature" href={props.homeHref}>
              <span className="signature-flag" aria-hidden="true" />
              <span className="signature-text">{t('shell.signature')}</span>
              <span className="product-name">{t('shell.product_name')}</span>
            </a>
            <section className="language-toggle">
              <h2 className="visually-hidden">{t('shell.language_selection')}</h2>
              <a href={props.alternateHref} lang={other} hrefLang={other}>
                {t('shell.other_language')}
              </a>
            </section>
          </div>
          {props.user && props.signOut ? (
            <div className="staff-bar">
              <div className="container header-row">
                <p>
                  {t('shell.signed_in_as', { name: props.user.name })} · <a href={props.signOut.staffHref}>{t('shell.staff_home')}</a>
                </p>
                <form method="post" action={props.signOut.action}>
                  <input type="hidden" name="_csrf" value={props.signOut.csrfToken} />
                  <button type="submit" className="button-link">
                    {t('shell.sign_out')}
                  </button>
                </form>
              </div>
            </div>
          ) : null}
          {props.breadcrumbs && props.breadcrumbs.length > 0 ? (
            <nav className="container breadcrumbs" aria-label={t('shell.breadcrumbs')}>
              <ol>
                {props.breadcrumbs.map((crumb) => (
                  <li key={crumb.href}>
                    <a href={crumb.href}>{crumb.label}</a>
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
        </header>
        <main id="main" tabIndex={-1} className="container">
          <h1>{props.title}</h1>
          {props.children}
          <dl className="date-modified">
            <dt>{t('shell.date_modified')}</dt>
            <dd>
              <time dateTime={props.modified}>{props.modified}</time>
            </dd>
          </dl>
        </main>
        <footer className="site-footer">
          <div className="container">
            <h2 className="visually-hidden">{t('shell.about_site')}</h2>
            <ul className="footer-links">
              <li>
                <a href={props.homeHref}>{t('shell.home')}</a>
              </li>
              <li>
                <a href={props.apiDocsHref}>{t('shell.api_docs')}</a>
              </li>
              <li>
                <a href="/openapi.json">{t('shell.openapi')}</a>
              </li>
            </ul>
            <p>{t('shell.footer_note')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
