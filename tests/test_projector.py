"""Every page on a classroom projector (1280 x 720) and a full-HD screen (1920 x 1080), in both
languages: the page's main chart or its Train button is on the first screen, no label is cut,
and chart text is big and dark enough to read from the back of the room.

How each check sees the page (streamlit 1.67, Debian Chromium):
- The first screen: the main element's bounding box before any scrolling. "On the first screen"
  means at least half of its height is above the fold (a chart whose title alone peeks in does
  not count). ``MAIN`` below names each page's main element.
- Labels (widget, toggle, radio option, metric, tab, expander header, button, page link) and
  LaTeX blocks: an element or a descendant whose ``scrollWidth`` exceeds its ``clientWidth``
  holds more text than it shows (Streamlit cuts such text with an ellipsis, or KaTeX's line
  runs past its column); KaTeX's own 2 px of overhang are not a cut. Expanders are opened first,
  as a student would. Elements a few px wide are screen-reader text (a radio option's
  visually hidden name), not shown text.
- Charts: Streamlit draws Vega-Lite charts on a canvas (every chart shipped through
  ``lstm_viz.ui.charts.ship``) or as SVG, and keeps the Vega view to itself. ``CANVAS_PROBE``
  runs before the page's own scripts and records every ``fillText`` a canvas receives (the
  string Vega chose to draw, its font, colour and end points), starting afresh at each full
  redraw. Vega shortens a title, legend or axis label that exceeds its ``limit`` to end in "…";
  text pushed past the canvas edge (a legend wider than its chart) is cut by the edge. SVG charts
  (Vega's small ones, and the Graphviz diagram) are read from their ``<text>`` elements.
- Size and colour: at least ``MIN_CHART_PX`` px on screen, and a contrast ratio of at least
  ``MIN_CONTRAST`` (WCAG's level for body text) against what lies under the text: the canvas
  pixel read just before the text is drawn (a heatmap cell under a white number), else the
  white page.

Screenshots of the first screen and of the whole page go to build/screenshots/projector/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from lstm_viz.ui.text import translate
from tests.browser_util import (
    discover_pages,
    full_page_screenshot,
    open_and_wait,
    wait_charts_drawn,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
SHOTS = BUILD / "screenshots" / "projector"
PAGE_TIMEOUT_S = 120.0  # a hang guard only: a page that trains on load is slow on 2 busy cores
LANGS = ("en", "ko")
SCREENS = {"projector": (1280, 720), "full_hd": (1920, 1080)}
MIN_CHART_PX = 14.0  # chart text: ticks, axis titles, legends, titles, notes
MIN_CONTRAST = 4.5  # against what lies under the text
EDGE_PX = 2  # a glyph's side bearing may pass the canvas edge unseen (an axis's last tick label)


@dataclass(frozen=True)
class Main:
    """A page's main element: a chart (CSS selector) or the Train button (by its label)."""

    what: str  # for messages: "the step-size chart"
    selector: str | None = None  # None: the first button labelled common.train


TRAIN = Main("the Train button")
# The element each page must show on its first screen.
MAIN = {
    "home": Main("the LSTM cell diagram", '[data-testid="stGraphVizChart"]'),
    "LSTM_gates": TRAIN,
    # Part 1 needs no training: its gradient-norm chart, the first chart, is the main one.
    "Gradients": Main("the gradient-norm chart", '[data-testid="stVegaLiteChart"]'),
    "Adam": Main("the step-size chart", ".st-key-adam_main_chart"),
    "FFT_spectrogram": Main("the spectrogram", ".st-key-fft_main_chart"),
    "Sound_classifier": TRAIN,
}
PAGES = discover_pages(ROOT)

# Labels Streamlit draws on one line and cuts when they do not fit.
LABELS = ", ".join(
    [
        '[data-testid="stWidgetLabel"]',  # select, slider, number, toggle, checkbox labels
        '[data-testid="stCheckbox"] label',  # st.toggle and st.checkbox
        '[data-testid="stRadio"] label',  # each radio option
        '[data-testid="stMetricLabel"]',
        '[data-baseweb="tab"]',
        '[data-testid="stExpander"] summary',
        '[data-testid^="stBaseButton"]',
        '[data-testid="stPageLink"] a',
    ]
)
LATEX = ".katex-display"  # st.latex: a line wider than its column (KaTeX's inner boxes overhang
# each other by design, so only the block itself counts)

CANVAS_PROBE = """
(() => {
  const P = CanvasRenderingContext2D.prototype;
  const clips = new WeakMap();  // context -> stack of "a clip is active" (save/restore)
  const stack = (g) => { if (!clips.has(g)) clips.set(g, [false]); return clips.get(g); };
  const { save, restore, clip, clearRect, fillText } = P;
  P.save = function (...a) { const s = stack(this); s.push(s[s.length - 1]);
    return save.apply(this, a); };
  P.restore = function (...a) { const s = stack(this); if (s.length > 1) s.pop();
    return restore.apply(this, a); };
  P.clip = function (...a) { const s = stack(this); s[s.length - 1] = true;
    return clip.apply(this, a); };
  P.clearRect = function (...a) {
    // Vega clears the whole canvas, unclipped, before a full redraw; a partial (hover) redraw
    // clips first and keeps what is outside.
    if (!stack(this)[stack(this).length - 1] && this.canvas) this.canvas.__texts = [];
    return clearRect.apply(this, a);
  };
  P.fillText = function (text, x, y, ...rest) {
    const canvas = this.canvas;
    if (canvas && canvas.getContext) {
      const width = this.measureText(text).width;
      const align = this.textAlign;
      const x0 = align === 'center' ? x - width / 2
        : (align === 'right' || align === 'end') ? x - width : x;
      const m = this.getTransform();
      const at = (px, py) => [m.a * px + m.c * py + m.e, m.b * px + m.d * py + m.f];
      const px = parseFloat((this.font.match(/([0-9.]+)px/) || [0, 0])[1]);
      // What lies under the text's middle before it is drawn (transparent: the white page).
      const [mx, my] = at(x0 + width / 2, y - px / 3);
      let under = 'rgb(255, 255, 255)';
      try {
        const [r, g, b, a] = this.getImageData(Math.round(mx), Math.round(my), 1, 1).data;
        const w = 255 * (1 - a / 255);
        under = `rgb(${r * a / 255 + w}, ${g * a / 255 + w}, ${b * a / 255 + w})`;
      } catch (error) { /* outside the canvas */ }
      (canvas.__texts = canvas.__texts || []).push({
        text: String(text), px: px * Math.hypot(m.a, m.b) / (window.devicePixelRatio || 1),
        fill: String(this.fillStyle), alpha: this.globalAlpha, under,
        start: at(x0, y), end: at(x0 + width, y),
      });
    }
    return fillText.call(this, text, x, y, ...rest);
  };
})();
"""

# Every text of every chart, in CSS px relative to its chart: [chart, text, px, fill, alpha,
# background under it, left, right, chart width]. (An SVG text is taken to lie on the page.)
CHART_TEXTS = """
() => {
  const out = [];
  const charts = document.querySelectorAll(
    '[data-testid="stVegaLiteChart"], [data-testid="stGraphVizChart"]');
  charts.forEach((chart, index) => {
    const name = chart.getAttribute('data-testid') + ' #' + index;
    chart.querySelectorAll('canvas').forEach((canvas) => {
      const ratio = canvas.width / (canvas.clientWidth || canvas.width || 1);
      for (const t of canvas.__texts || []) {
        const xs = [t.start[0], t.end[0]].map((x) => x / ratio);
        out.push([name, t.text, t.px, t.fill, t.alpha, t.under, Math.min(...xs),
                  Math.max(...xs), canvas.clientWidth]);
      }
    });
    chart.querySelectorAll('svg text').forEach((el) => {
      const svg = el.ownerSVGElement.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const scale = el.getScreenCTM() ? Math.hypot(el.getScreenCTM().a, el.getScreenCTM().b) : 1;
      out.push([name, el.textContent, parseFloat(style.fontSize) * scale, style.fill,
                parseFloat(style.fillOpacity || '1') * parseFloat(style.opacity || '1'),
                'rgb(255, 255, 255)', box.left - svg.left, box.right - svg.left, svg.width]);
    });
  });
  return out;
}
"""


def _colour(css: str) -> tuple[float, float, float] | None:
    """(r, g, b) in 0..255 from "#rrggbb", "#rgb" or "rgb(a)(...)"; None for gradients."""
    css = css.strip()
    if re.fullmatch(r"#[0-9a-fA-F]{6}", css):
        return tuple(int(css[i : i + 2], 16) for i in (1, 3, 5))
    if re.fullmatch(r"#[0-9a-fA-F]{3}", css):
        return tuple(int(c * 2, 16) for c in css[1:])
    found = re.fullmatch(r"rgba?\(([^)]*)\)", css)
    if found:
        parts = [float(p) for p in re.split(r"[,\s/]+", found.group(1).strip()) if p]
        r, g, b = parts[:3]
        alpha = parts[3] if len(parts) > 3 else 1.0
        return tuple(alpha * c + (1 - alpha) * 255 for c in (r, g, b))
    return None


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(css: str, under: str = "#ffffff", alpha: float = 1.0) -> float | None:
    """WCAG contrast ratio of text in colour ``css`` drawn at ``alpha`` over ``under``."""
    text, ground = _colour(css), _colour(under)
    if text is None or ground is None:
        return None
    text = tuple(alpha * t + (1 - alpha) * g for t, g in zip(text, ground, strict=True))
    light, dark = sorted((_luminance(text), _luminance(ground)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("css", "under", "expected"),
    [
        ("#ffffff", "#ffffff", 1.0),
        ("#000000", "#ffffff", 21.0),
        ("#808495", "#ffffff", 3.8),
        ("rgb(49, 51, 63)", "#ffffff", 12.6),
        ("#ffffff", "rgb(0, 0, 0)", 21.0),  # white text on a dark heatmap cell
    ],
)
def test_contrast_follows_wcag(css, under, expected):
    assert contrast(css, under) == pytest.approx(expected, abs=0.1)


def _main_box(page, main: Main, lang: str) -> dict | None:
    if main.selector is None:
        # The icon's name comes first, a keyboard shortcut may follow.
        label = re.compile(rf"^(play_arrow\s*)?{re.escape(translate('common.train', lang))}(\s|$)")
        found = page.get_by_role("button", name=label).first
    else:
        found = page.locator(main.selector).first
    return found.bounding_box() if found.count() else None


def _cut_labels(page) -> list[str]:
    shown = (
        "(e.getAttribute('aria-label') || e.textContent).replace(/\\s+/g, ' ').trim().slice(0, 80)"
    )
    wider = "d => d.clientWidth > 4 && d.scrollWidth > d.clientWidth + 2"
    labels = page.eval_on_selector_all(
        LABELS,
        f"els => els.filter(e => [e, ...e.querySelectorAll('*')].some({wider})).map(e => {shown})",
    )
    return labels + page.eval_on_selector_all(
        LATEX, f"els => els.filter({wider}).map(e => {shown})"
    )


def chart_problems(texts: list[list]) -> dict[str, list[str]]:
    """Cut, small and faint chart texts, each as "chart: 'text' (detail)"."""
    cut, small, faint = [], [], []
    for chart, text, px, fill, alpha, under, left, right, width in texts:
        if not text.strip():
            continue
        where = f"{chart}: {text!r}"
        if text.endswith("…") or left < -EDGE_PX or right > width + EDGE_PX:
            cut.append(f"{where} (x {left:.0f}..{right:.0f} of {width:.0f} px)")
        if px < MIN_CHART_PX - 0.01:
            small.append(f"{where} ({px:.2f} px)")
        ratio = contrast(fill, under, alpha)
        if ratio is not None and ratio < MIN_CONTRAST:
            faint.append(f"{where} ({fill} on {under}, contrast {ratio:.1f})")
    return {"cut": sorted(set(cut)), "small": sorted(set(small)), "faint": sorted(set(faint))}


@pytest.mark.parametrize("screen", SCREENS, ids=str)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("app_page", PAGES, ids=lambda p: p.name)
def test_page_reads_on_a_projector(browser, server, app_page, lang, screen):
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(CANVAS_PROBE)
    page = context.new_page()
    try:
        open_and_wait(page, f"{server.base_url}{app_page.path}?lang={lang}", PAGE_TIMEOUT_S)
        name = f"{app_page.name}_{lang}_{width}x{height}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}_first_screen.png"))
        main = MAIN[app_page.name]
        box = _main_box(page, main, lang)
        problems: dict[str, list[str]] = {}
        if box is None:
            problems["main"] = [f"{main.what} is not on the page"]
        else:
            shown = min(box["height"], max(0.0, height - box["y"]))
            if box["y"] >= height or shown < 0.5 * box["height"]:
                problems["main"] = [
                    f"{main.what}: top at {box['y']:.0f} px, {shown:.0f} of "
                    f"{box['height']:.0f} px above the {height} px fold"
                ]
        # What a student opens: every expander (the equations, long notes), then every chart
        # drawn again.
        closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
        for _ in range(closed.count()):  # each click opens one: the next is first again
            closed.first.click()
        wait_charts_drawn(page, PAGE_TIMEOUT_S)
        problems["cut labels"] = _cut_labels(page)
        charts = chart_problems(page.evaluate(CHART_TEXTS))
        problems.update({f"{kind} chart text": found for kind, found in charts.items()})
        full_page_screenshot(page, SHOTS / f"{name}_full.png")
        found = {kind: items for kind, items in problems.items() if items}
        report = "".join(
            f"\n{kind}:" + "".join(f"\n  {i}" for i in items) for kind, items in found.items()
        )
        assert found == {}, f"{name}:{report}"
    finally:
        context.close()
