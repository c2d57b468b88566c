// Accessibility checks run inside the page (page.evaluate): WCAG AA text contrast, written by hand
// (axe-core is not a dependency). Each function is self-contained, since Playwright sends its source.

/**
 * Every visible text node (HTML text, <select>'s shown value, SVG <text>) against its effective
 * background: the first opaque background-color up the ancestors, with translucent layers above
 * it composited in, opacity included. Returns the failures: ratio below 4.5, or below 3 for large
 * text (≥ 24 px, or ≥ 18.66 px and bold). Disabled controls are exempt (WCAG 1.4.3). Not seen:
 * text over images or over SVG shapes (the charts draw their labels on white).
 */
export function contrastProblems() {
  const parse = (c) => {
    const m = /^rgba?\(([^)]+)\)$/.exec(c.trim());
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const over = (top, base) => ({
    r: top.r * top.a + base.r * (1 - top.a), g: top.g * top.a + base.g * (1 - top.a), b: top.b * top.a + base.b * (1 - top.a), a: 1,
  });
  const lum = ({ r, g, b }) => {
    const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (x, y) => { const [hi, lo] = [lum(x), lum(y)].sort((p, q) => q - p); return (hi + 0.05) / (lo + 0.05); };
  const background = (el) => {
    const layers = [];
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      opacity *= Number(cs.opacity);
      const bg = parse(cs.backgroundColor);
      if (bg && bg.a > 0) {
        layers.push(bg);
        if (bg.a >= 1) break;
      }
    }
    let base = { r: 255, g: 255, b: 255, a: 1 }; // the canvas
    for (const l of layers.reverse()) base = over(l, base);
    return { bg: base, opacity };
  };
  const hex = ({ r, g, b }) => `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  const problems = [];
  const check = (el, text, colourProp) => {
    if (el.closest(':disabled, [aria-disabled="true"], [hidden], title, desc, script, style, noscript')) return;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return;
    const rect = el.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) return;
    const cs = getComputedStyle(el);
    const fg = parse(cs[colourProp]);
    if (!fg) return; // fill: none, a gradient or a paint server
    const { bg, opacity } = background(el);
    const shown = over({ ...fg, a: fg.a * opacity }, bg);
    const size = parseFloat(cs.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    const r = ratio(shown, bg);
    if (r < need) problems.push({ text: text.trim().slice(0, 60), color: hex(shown), background: hex(bg), ratio: Math.round(r * 100) / 100, need, where: `${el.tagName.toLowerCase()}.${String(el.className?.baseVal ?? el.className).replace(/\s+/g, '.')}` });
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim() || !n.parentElement) continue;
    const el = n.parentElement;
    if (el.closest('select')) continue; // options: the select's shown value is checked below
    if (el instanceof SVGElement) check(el, n.textContent, 'fill');
    else check(el, n.textContent, 'color');
  }
  for (const s of document.querySelectorAll('select')) check(s, s.selectedOptions[0]?.textContent ?? '', 'color');
  return problems;
}

/** Horizontal overflow of the page: the document wider than the window. */
export function overflowX() {
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth };
}
