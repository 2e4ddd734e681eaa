/**
 * Mounts the card next to a mention: a <backstory-card> host with an open shadow root (page CSS cannot reach
 * in, ours cannot leak out), preact inside, positioned by @floating-ui/dom (flips and shifts to stay in the
 * viewport, never covers the mention, follows on scroll). Loaded lazily: only when a card first opens.
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import type { CardData } from '../../core/card';
import { Card } from './Card';
import { CARD_CSS } from './card-css';

export interface CardHandle {
  /** Show the loaded data (or an error). */
  update(data: CardData | null | 'error'): void;
  /** Remove the card; focus is handled by the caller. */
  destroy(): void;
  host: HTMLElement;
}

export interface MountOptions {
  anchor: HTMLElement;
  dateSource: string;
  onClose: () => void;
  onNotThis: () => void;
}

let seq = 0;

export function mountCard(opts: MountOptions): CardHandle {
  const doc = opts.anchor.ownerDocument;
  const host = doc.createElement('backstory-card');
  // Store builds close the card's shadow root so that the page's scripts cannot read an open card (its "you read
  // this on …" lines come from the reader's history). Development builds keep it open for the end-to-end tests.
  const root = host.attachShadow({ mode: __BACKSTORY_DEV__ ? 'open' : 'closed' });
  const style = doc.createElement('style');
  style.textContent = CARD_CSS;
  const panel = doc.createElement('div');
  const titleId = `backstory-card-title-${++seq}`;
  panel.className = 'panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-modal', 'false');
  panel.setAttribute('aria-labelledby', titleId);
  panel.tabIndex = -1;
  root.append(style, panel);
  doc.documentElement.appendChild(host);

  const draw = (data: CardData | null | 'loading' | 'error'): void => {
    render(
      <Card titleId={titleId} data={data} dateSource={opts.dateSource} onClose={opts.onClose} onNotThis={opts.onNotThis} />,
      panel,
    );
  };
  draw('loading');

  const place = (): void => {
    void computePosition(opts.anchor, panel, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ fallbackAxisSideDirection: 'start' }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight, elements }) {
            elements.floating.style.maxHeight = `${Math.max(120, Math.min(520, availableHeight))}px`;
          },
        }),
      ],
    }).then(({ x, y }) => {
      panel.style.left = `${Math.round(x)}px`;
      panel.style.top = `${Math.round(y)}px`;
    });
  };
  const stopAutoUpdate = autoUpdate(opts.anchor, panel, place);
  panel.focus({ preventScroll: true });

  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      opts.onClose();
    }
  });

  return {
    host,
    update(data) {
      draw(data === null ? 'error' : data);
      place();
    },
    destroy() {
      stopAutoUpdate();
      render(null, panel);
      host.remove();
    },
  };
}
