/**
 * Who may send what. The background accepts content messages only from a tab's frame of this extension's
 * own content script, and page messages only from this extension's own pages; a content script accepts
 * messages only from the extension itself (never from a tab). Pure, so it is tested in node.
 */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export type SenderKind = 'content' | 'extension-page' | 'rejected';

export function classifySender(sender: SenderLike, ownId: string, ownOrigin: string): SenderKind {
  if (!sender || sender.id !== ownId) return 'rejected';
  const fromOwnPage = typeof sender.url === 'string' && (sender.url === ownOrigin || sender.url.startsWith(`${ownOrigin}/`));
  if (fromOwnPage) return 'extension-page';
  if (sender.tab && typeof sender.tab.id === 'number' && sender.tab.id >= 0 && typeof sender.frameId === 'number') {
    return 'content';
  }
  return 'rejected';
}

/** A message type's prefix says which sender kind may send it. */
export function allowedFor(type: string, kind: SenderKind): boolean {
  if (kind === 'content') return type.startsWith('content/');
  if (kind === 'extension-page') return type.startsWith('popup/') || type.startsWith('options/');
  return false;
}
