/**
 * URL canonicalisation for the coverage index. Two links to the same story must fold to one key:
 * tracking parameters, fragments, AMP and mobile variants, `www.`, trailing slashes, http vs https and
 * host case do not make a different story. The canonical form is a key, never shown or opened: the
 * item's original `url` is what a card links to.
 *
 * Pure (uses only the WHATWG URL parser, available in every extension context and in node).
 */

/** Query parameters that never change the story a URL points at. Matched case-insensitively. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'ocid',
  'cmpid',
  'cmp',
  'mc_cid',
  'mc_eid',
  'mbid',
  'smid',
  'smtyp',
  'ito',
  'itm_source',
  'itm_medium',
  'itm_campaign',
  'itm_content',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  's_cid',
  'spm',
  'xtor',
  'ns_mchannel',
  'ns_source',
  'ns_campaign',
  'ns_linkname',
  'ns_fee',
  '_ga',
  '_gl',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  '__twitter_impression',
  'amp',
  'amp_js_v',
  'usqp',
  'outputtype',
]);

/** Parameter name prefixes that are tracking: utm_*, at_* (BBC: at_medium, at_campaign...), pk_*, mtm_*. */
const TRACKING_PREFIXES = ['utm_', 'at_', 'pk_', 'mtm_', 'hsa_', 'vero_', 'oly_'];

function isTracking(name: string, value: string): boolean {
  const n = name.toLowerCase();
  if (n === 'outputtype') return value.toLowerCase() === 'amp';
  if (TRACKING_PARAMS.has(n)) return true;
  return TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/** Host prefixes of AMP and mobile editions of the same site. */
const VARIANT_HOST_PREFIX = /^(?:www\.|m\.|mobile\.|amp\.|amp-)/;

function foldHost(host: string): string {
  let h = host.toLowerCase().replace(/\.$/, '');
  // Strip repeatedly: "www.m.example.com", "amp.www.example.com".
  for (let i = 0; i < 3 && VARIANT_HOST_PREFIX.test(h) && h.split('.').length > 2; i++) {
    h = h.replace(VARIANT_HOST_PREFIX, '');
  }
  return h;
}

function foldPath(pathname: string): string {
  const segments = pathname.split('/').filter((s, i, all) => s !== '' || i === all.length - 1);
  const kept: string[] = [];
  for (const seg of segments) {
    if (seg === '') continue;
    const lower = seg.toLowerCase();
    if (lower === 'amp' || lower === 'amp.html') continue; // /news/story/amp, /amp/news/story
    // story.amp, story.amp.html -> story, story.html
    kept.push(seg.replace(/\.amp(\.html?)?$/i, (_m, ext: string | undefined) => ext ?? ''));
  }
  return `/${kept.join('/')}`;
}

/**
 * The canonical key of a URL, or null when it is not an http(s) URL. Stable: canonicalUrl(canonicalUrl(u))
 * equals canonicalUrl(u).
 */
export function canonicalUrl(input: string): string | null {
  if (typeof input !== 'string' || input.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  const host = foldHost(url.hostname);
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const params: [string, string][] = [];
  for (const [name, value] of url.searchParams) {
    if (!isTracking(name, value)) params.push([name, value]);
  }
  params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `https://${host}${port}${foldPath(url.pathname)}${query}`;
}

/** True when the string is an absolute http(s) URL (the only links a card may show). */
export function isHttpUrl(input: unknown): input is string {
  if (typeof input !== 'string' || input.length > 4096) return false;
  try {
    const u = new URL(input);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Outlet names for the hosts of the default feeds and sites; others show their host name. */
const OUTLETS: [RegExp, string][] = [
  [/(^|\.)thenorthernecho\.co\.uk$/, 'The Northern Echo'],
  [/(^|\.)bbc\.(co\.uk|com)$/, 'BBC News'],
  [/(^|\.)theguardian\.com$/, 'The Guardian'],
  [/(^|\.)politicshome\.com$/, 'PoliticsHome'],
  [/(^|\.)gov\.uk$/, 'GOV.UK'],
];

/** A readable outlet name for a page address (when the page itself does not say). */
export function outletForUrl(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'Unknown';
  }
  for (const [re, name] of OUTLETS) if (re.test(host)) return name;
  return host.replace(/^(www|m|amp|mobile)\./, '') || 'Unknown';
}
