/** The detector's public types (re-exported by index.ts). */
export type MentionKind = 'name' | 'alias' | 'honorific' | 'role';

export interface Mention {
  start: number;
  end: number;
  text: string;
  entity: string;
  name: string;
  kind: MentionKind;
  office?: string;
}
