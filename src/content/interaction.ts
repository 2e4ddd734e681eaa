/**
 * The card interaction as an explicit state machine (after Wikimedia Page Previews): one card at a time,
 * and a token per interaction so that an answer arriving late for an earlier mention is ignored.
 *
 *   idle --open(m)--> loading(t) --data(t)--> open(t) --close--> idle
 *                         |  any state --open(m')--> loading(t+1) (the previous card closes first)
 */
import type { CardData } from '../core/card';

export type CardState =
  | { kind: 'idle' }
  | { kind: 'loading'; token: number; mention: HTMLElement }
  | { kind: 'open'; token: number; mention: HTMLElement; data: CardData | null };

export class Interaction {
  private state: CardState = { kind: 'idle' };
  private nextToken = 1;

  get current(): CardState {
    return this.state;
  }

  /** Start opening a card for a mention; returns the interaction's token. */
  open(mention: HTMLElement): number {
    const token = this.nextToken++;
    this.state = { kind: 'loading', token, mention };
    return token;
  }

  /** Data arrived for an interaction. False if that interaction is no longer the current one. */
  loaded(token: number, data: CardData | null): boolean {
    if (this.state.kind !== 'loading' || this.state.token !== token) return false;
    this.state = { kind: 'open', token, mention: this.state.mention, data };
    return true;
  }

  /** Close whatever is open; returns the mention that had the card (focus goes back to it). */
  close(): HTMLElement | null {
    const s = this.state;
    this.state = { kind: 'idle' };
    return s.kind === 'idle' ? null : s.mention;
  }

  isCurrent(token: number): boolean {
    return this.state.kind !== 'idle' && this.state.token === token;
  }
}
