/**
 * Opening and closing the card from mentions: click, Enter or Space on a mention opens it (one at a time);
 * Escape, the close button or a click outside closes it and focus returns to the mention. A click that
 * ends a text selection never opens a card, and inside a link a click keeps navigating.
 */
import type { CardData } from '../core/card';
import type { CardModule } from '../ui/card/card-global';
import type { CardHandle } from '../ui/card/mount';
import { loadCard } from './card-loader';
import { MENTION_TAG, CARD_TAG, isOurMention } from './highlight';
import { Interaction } from './interaction';

export interface CardControllerDeps {
  signal: AbortSignal;
  load: (mention: HTMLElement) => Promise<CardData | null>;
  dateSource: () => string;
  notThis: (mention: HTMLElement) => void;
}

export class CardController {
  private readonly interaction = new Interaction();
  private handle: CardHandle | null = null;

  constructor(private readonly deps: CardControllerDeps) {
    const opts = { capture: true, signal: deps.signal };
    window.addEventListener('click', (e) => this.onClick(e), opts);
    window.addEventListener('keydown', (e) => this.onKeyDown(e), opts);
    window.addEventListener('pointerdown', (e) => this.onPointerDown(e), opts);
    deps.signal.addEventListener('abort', () => this.close(false), { once: true });
  }

  get openMention(): HTMLElement | null {
    const s = this.interaction.current;
    return s.kind === 'idle' ? null : s.mention;
  }

  async open(mention: HTMLElement): Promise<void> {
    this.close(false);
    const token = this.interaction.open(mention);
    mention.setAttribute('aria-expanded', 'true');
    let mountCard: CardModule['mountCard'];
    try {
      ({ mountCard } = await loadCard());
    } catch {
      // The card's script could not be injected (the extension was updated underneath the page, say): the
      // mention stays a mention; the next click tries again.
      if (this.interaction.isCurrent(token)) this.close(false);
      return;
    }
    if (!this.interaction.isCurrent(token)) return;
    this.handle = mountCard({
      anchor: mention,
      dateSource: this.deps.dateSource(),
      onClose: () => this.close(true),
      onNotThis: () => {
        this.close(true);
        this.deps.notThis(mention);
      },
    });
    let data: CardData | null | 'error';
    try {
      data = await this.deps.load(mention);
    } catch {
      data = 'error';
    }
    if (this.interaction.loaded(token, data === 'error' ? null : data)) this.handle?.update(data);
  }

  close(returnFocus: boolean): void {
    const mention = this.interaction.close();
    this.handle?.destroy();
    this.handle = null;
    if (mention) {
      mention.setAttribute('aria-expanded', 'false');
      if (returnFocus && mention.isConnected) mention.focus({ preventScroll: true });
    }
  }

  private mentionFrom(e: Event): HTMLElement | null {
    for (const t of e.composedPath()) {
      if (t instanceof Element && t.localName === MENTION_TAG) return isOurMention(t) ? (t as HTMLElement) : null;
    }
    return null;
  }

  private inCard(e: Event): boolean {
    return e.composedPath().some((t) => t instanceof Element && t.localName === CARD_TAG);
  }

  private onClick(e: MouseEvent): void {
    // Only the reader opens a card: a page's synthetic click could otherwise open one and read it (with the
    // reader's "you read this on" lines) through the card's open shadow root.
    if (!e.isTrusted) return;
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    const mention = this.mentionFrom(e);
    if (!mention || mention.hasAttribute('hidden-by-reader')) return;
    if (mention.closest('a[href]')) return; // the link keeps working
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed && sel.toString().trim()) return; // selecting text, not asking for a card
    e.preventDefault();
    if (this.openMention === mention) this.close(true);
    else void this.open(mention);
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.openMention) {
      e.stopPropagation();
      this.close(true);
      return;
    }
    if (e.key !== 'Enter' && e.key !== ' ') return;
    if (!e.isTrusted) return; // see onClick
    const mention = this.mentionFrom(e);
    if (!mention || mention !== document.activeElement || mention.hasAttribute('hidden-by-reader')) return;
    e.preventDefault();
    e.stopPropagation();
    void this.open(mention);
  }

  private onPointerDown(e: PointerEvent): void {
    this.letTextBeSelected(e);
    const open = this.openMention;
    if (!open || this.inCard(e) || this.mentionFrom(e) === open) return;
    this.close(false);
  }

  /**
   * Chromium starts no text selection when a drag begins inside a focusable element, so a reader could not
   * select a highlighted name (and the click at the end of the drag would open a card). While the pointer is
   * down on a mention it is not focusable; it is again right after (keyboard users never notice).
   */
  private letTextBeSelected(e: PointerEvent): void {
    if (!e.isTrusted || e.button !== 0) return;
    const mention = this.mentionFrom(e);
    if (!mention || mention.getAttribute('tabindex') !== '0') return;
    mention.removeAttribute('tabindex');
    const gesture = new AbortController();
    const restore = (): void => {
      gesture.abort();
      setTimeout(() => {
        if (!mention.hasAttribute('hidden-by-reader')) mention.setAttribute('tabindex', '0');
      }, 0);
    };
    const opts = { capture: true, signal: AbortSignal.any([gesture.signal, this.deps.signal]) };
    window.addEventListener('pointerup', restore, opts);
    window.addEventListener('pointercancel', restore, opts);
  }
}
