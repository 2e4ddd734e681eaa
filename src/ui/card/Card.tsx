/** The card: the backstory of one entity as of the article's date. All text is rendered as text. */
import type { CardData } from '../../core/card';
import { DATE_SOURCE_KEY, formatDate, safeHref, sourceLabel } from '../format';
import { t } from '../i18n';

export interface CardProps {
  titleId: string;
  data: CardData | null | 'loading' | 'error';
  dateSource: string;
  onClose: () => void;
  onNotThis: () => void;
}

function Source({ url }: { url: string }) {
  const href = safeHref(url);
  return href ? (
    <a class="src" href={href} target="_blank" rel="noopener noreferrer">
      {sourceLabel(href)}
    </a>
  ) : null;
}

/** "as of 25 Nov 2026", or "last confirmed 22 Jun 2026" when the latest evidence is older than the knowledge. */
function asOf(evidence: string | undefined, knowledgeAsOf: string): string {
  return evidence && evidence < knowledgeAsOf ? t('cardLastConfirmed', formatDate(evidence)) : t('cardAsOf', formatDate(knowledgeAsOf));
}

export function Card({ titleId, data, dateSource, onClose, onNotThis }: CardProps) {
  const close = (
    <button type="button" class="close" aria-label={t('cardClose')} onClick={onClose}>
      ×
    </button>
  );
  if (data === 'loading' || data === 'error' || data === null) {
    const msg = data === 'loading' ? t('cardLoading') : t('cardLoadError');
    return (
      <div class="card">
        <div class="head">
          <h2 id={titleId}>{t('cardTitle')}</h2>
          {close}
        </div>
        <p class="muted" role="status">{msg}</p>
      </div>
    );
  }
  const d = data;
  const onDate = d.officesOnDate[0];
  const now = d.officesNow[0];
  // "Still in that office" only for the same tenure: someone who left and came back holds it "now", not "still".
  const sameNow = onDate && now && onDate.officeId === now.officeId && onDate.from === now.from;
  return (
    <div class="card">
      <div class="head">
        <h2 id={titleId}>{d.name}</h2>
        {close}
      </div>
      {d.type === 'person' ? (
        <div class="roles">
          {onDate ? (
            <p class="role">
              <strong>{onDate.title}</strong> {t('cardOnDate', formatDate(d.date))}
            </p>
          ) : (
            <p class="role">{t('cardNoOffice', formatDate(d.date))}</p>
          )}
          {!sameNow ? (
            <p class="now">{t('cardNow', [now ? now.title : t('cardNotMinister'), asOf(now?.evidenceAsOf, d.knowledgeAsOf)])}</p>
          ) : (
            <p class="now">{t('cardStill', asOf(now?.evidenceAsOf, d.knowledgeAsOf))}</p>
          )}
          {d.party || d.seat ? <p class="muted">{[d.party, d.seat].filter(Boolean).join(' · ')}</p> : null}
        </div>
      ) : null}
      {d.summary ? (
        <p class="summary">
          {d.summary} <Source url={d.summarySource} />
        </p>
      ) : null}
      {d.facts.length ? (
        <section aria-label={t('cardKeyFacts')}>
          <ul class="facts">
            {d.facts.map((f) => (
              <li key={f.text}>
                {f.text} <span class="muted">{t('cardFactAsOf', formatDate(f.asOf))}</span> <Source url={f.source} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.timeline.length ? (
        <section aria-labelledby={`${titleId}-tl`}>
          <h3 id={`${titleId}-tl`}>{t('cardStory')}</h3>
          <ol class="timeline">
            {d.timeline.map((t) => (
              <li key={`${t.date}${t.text}`}>
                <time dateTime={t.date}>{formatDate(t.date)}</time> {t.text} <Source url={t.source} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby={`${titleId}-cov`}>
        <h3 id={`${titleId}-cov`}>{t('cardEarlier')}</h3>
        {d.coverage.length ? (
          <ul class="coverage">
            {d.coverage.slice(0, 5).map((c) => {
              const href = safeHref(c.url);
              return (
                <li key={c.url}>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {c.title}
                    </a>
                  ) : (
                    c.title
                  )}
                  <span class="muted">
                    {' '}
                    {c.outlet}, {formatDate(c.published)}
                    {c.readAt ? ` ${t('cardYouRead', formatDate(c.readAt))}` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : (
          <p class="muted">{t('cardNoCoverage')}</p>
        )}
      </section>
      <div class="foot">
        <p class="muted small">
          {t('cardFooter', [formatDate(d.date), t(DATE_SOURCE_KEY[dateSource] ?? 'dateSourceToday'), formatDate(d.knowledgeAsOf)])}
        </p>
        <button type="button" class="link" onClick={onNotThis}>
          {t('cardNotThis')}
        </button>
      </div>
    </div>
  );
}
