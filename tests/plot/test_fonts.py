"""Finding a font with Chinese glyphs among the installed ones, and labelling with it."""

from pathlib import Path

import matplotlib as mpl
import pytest
from matplotlib import font_manager

from neighborparty.plot import _fonts
from neighborparty.plot._fonts import Namer, needs_cjk

DEJAVU = font_manager.findfont("DejaVu Sans")


def test_a_preferred_family_is_found_by_its_name_best_first() -> None:
    known = [
        ("DejaVu Sans", DEJAVU),
        ("WenQuanYi Zen Hei", "/fonts/wqy.ttc"),
        ("Noto Sans CJK JP", "/fonts/noto.ttc"),
        ("Noto Sans CJK SC", "/fonts/noto.ttc"),
    ]
    assert _fonts._search(known, []) == "Noto Sans CJK SC"
    assert _fonts._search(known[:3], []) == "Noto Sans CJK JP"  # a variant of Noto Sans CJK
    assert _fonts._search(known[:2], []) == "WenQuanYi Zen Hei"


def test_a_font_without_chinese_glyphs_is_not_taken() -> None:
    assert _fonts._search([("DejaVu Sans", DEJAVU)], [DEJAVU]) is None
    assert _fonts._search([], []) is None


def test_a_fallback_font_that_draws_every_character_as_one_box_is_not_taken() -> None:
    last_resort = Path(mpl.get_data_path(), "fonts", "ttf", "LastResortHE-Regular.ttf")
    if not last_resort.exists():
        pytest.skip("this matplotlib ships no Last Resort font")
    assert _fonts._search([("Last Resort High-Efficiency", str(last_resort))], []) is None


def test_a_font_with_the_glyphs_is_found_by_them_whatever_its_name(cjk_font: str) -> None:
    path = font_manager.findfont(font_manager.FontProperties(family=cjk_font))
    assert _fonts._search([("DejaVu Sans", DEJAVU), ("Some Font", path)], []) == "Some Font"


def test_a_font_installed_after_matplotlib_listed_its_fonts_is_registered(
    cjk_font: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    manager = font_manager.fontManager
    path = font_manager.findfont(font_manager.FontProperties(family=cjk_font))
    without = [e for e in manager.ttflist if not _fonts._covers(e.fname)]
    monkeypatch.setattr(manager, "ttflist", without)
    assert _fonts._search(_fonts._known_fonts(), []) is None
    found = _fonts._search(_fonts._known_fonts(), [DEJAVU, path])
    assert found is not None
    assert found in {e.name for e in manager.ttflist if e.fname == path}
    manager._findfont_cached.cache_clear()


def test_cjk_text_is_told_from_text_the_default_font_draws() -> None:
    assert needs_cjk("金安社区")
    assert needs_cjk("c-1 五缘里")
    assert not needs_cjk("cm-jinan")
    assert not needs_cjk("Šumava – Café")


def test_labels_by_id_never_look_for_a_font(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> None:
        raise AssertionError("looked for a font")

    monkeypatch.setattr(_fonts, "cjk_family", fail)
    namer = Namer("id")
    assert namer("cm-1", "金安社区") == "cm-1"
    namer.warn()


def test_names_without_chinese_need_no_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fonts, "cjk_family", lambda: None)
    namer = Namer("name")
    assert namer("cm-1", "Jin'an") == "Jin'an"
    assert namer("cm-2", "") == "cm-2"
    assert namer.fallbacks == 0
    namer.warn()


def test_the_font_is_looked_for_once_per_plot(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[None] = []
    monkeypatch.setattr(_fonts, "cjk_family", lambda: calls.append(None) or "Some CJK")
    namer = Namer("name")
    assert [namer(f"cm-{i}", "金安社区") for i in range(3)] == ["金安社区"] * 3
    assert len(calls) == 1
