// Dates as the page's chosen language writes them, never the browser's locale:
// 2025年3月4日 in Chinese, 4 March 2025 in English. The engine's dates are ISO
// calendar dates (YYYY-MM-DD) with no time zone, so they are read as text and
// never through Date (which would shift them by the viewer's offset).

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * An ISO date in the page's language; anything that is not an ISO date is
 * returned unchanged (so a refused value is echoed as it was typed).
 * @param {string | null | undefined} iso
 * @param {'zh' | 'en'} lang
 */
export function formatDate(iso, lang) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return iso;
  return lang === 'zh' ? `${y}年${mo}月${d}日` : `${d} ${MONTHS_EN[mo - 1]} ${y}`;
}

/** Today in the viewer's calendar, as YYYY-MM-DD (what a date input holds). */
export function todayIso(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
