/**
 * What a document has established so far, carried from chunk to chunk: who has been named in full (so that
 * "Mr Reynolds" later means him), which surnames belong to someone else ("Ryan Reynolds"), which department
 * the text is about (for a bare "Secretary of State"), and which offices it uses for a foreign government
 * ("Israeli Prime Minister ..." then "the prime minister" is still Israel's).
 */
import type { Holding, KnowledgeBase } from '../knowledge/query';

/**
 * A document context as plain data, so that detection can continue in another place (the content script reads
 * the page, the background detects batch by batch and hands the context back with each answer). Caches are
 * not part of it: they are rebuilt from the knowledge base.
 */
export interface ContextState {
  date: string;
  seq: number;
  established: [string, number][];
  otherPeople: [string, number][];
  department: string | null;
  weakDepartment: string | null;
  political: boolean;
  foreignOffices: string[];
}

export class DocContext {
  /** Brands the class as the detector's opaque DocumentContext. */
  declare readonly __documentContext?: never;
  /** Order of events in the document; later evidence beats earlier. */
  seq = 0;
  /** Person id -> when last named unambiguously (full name, or a role resolved to them). */
  readonly established = new Map<string, number>();
  /** Folded surname -> when last seen as the name of someone not in the knowledge base. */
  readonly otherPeople = new Map<string, number>();
  /** Department the text last named (explicitly: a title of one of its offices or its name). */
  department: string | undefined;
  /** Department hinted at by a topic word ("Rail Manufacturing"), used only when none was named. */
  weakDepartment: string | undefined;
  /** The document has shown it is about politics (any title, name, department or political word so far). */
  political = false;
  /** Offices the document has used for a foreign government. */
  readonly foreignOffices = new Set<string>();
  /** Holder of a title on this document's date (cached: the date never changes within a document). */
  readonly holderCache = new Map<string, Holding | null>();

  /** Whether a department has a Secretary of State on this document's date (cached for the same reason). */
  readonly secretaryCache = new Map<string, boolean>();

  /** Offices each person held on this document's date (cached for the same reason). */
  private readonly heldCache = new Map<string, Holding[]>();

  constructor(readonly date: string) {}

  toState(): ContextState {
    return {
      date: this.date,
      seq: this.seq,
      established: [...this.established],
      otherPeople: [...this.otherPeople],
      department: this.department ?? null,
      weakDepartment: this.weakDepartment ?? null,
      political: this.political,
      foreignOffices: [...this.foreignOffices],
    };
  }

  static fromState(state: ContextState): DocContext {
    const ctx = new DocContext(state.date);
    ctx.seq = state.seq;
    for (const [id, at] of state.established) ctx.established.set(id, at);
    for (const [name, at] of state.otherPeople) ctx.otherPeople.set(name, at);
    ctx.department = state.department ?? undefined;
    ctx.weakDepartment = state.weakDepartment ?? undefined;
    ctx.political = state.political;
    for (const o of state.foreignOffices) ctx.foreignOffices.add(o);
    return ctx;
  }

  officesHeld(kb: KnowledgeBase, personId: string): readonly Holding[] {
    let held = this.heldCache.get(personId);
    if (held === undefined) {
      held = kb.officesHeldOn(personId, this.date);
      this.heldCache.set(personId, held);
    }
    return held;
  }

  tick(): number {
    return ++this.seq;
  }

  establish(personId: string): void {
    this.established.set(personId, this.tick());
  }
}
