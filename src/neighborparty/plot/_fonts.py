"""Chinese text in plots: finding an installed font with CJK glyphs, and labelling with it.

matplotlib draws text in DejaVu Sans unless told otherwise; it has no Chinese glyphs, and
matplotlib does not look for a font that has, so place names come out as empty boxes. Here a
font is looked for among the fonts matplotlib knows, first by family name (the common CJK
families of Linux, macOS and Windows), then by checking which font covers a few characters of
this domain, and last among the system's font files that matplotlib's cached font list does not
have yet (a font installed after matplotlib first ran). The font is given to the texts that need
it, one by one; matplotlib's global settings are left as they are.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from neighborparty.plot._figure import Labels

if TYPE_CHECKING:
    from matplotlib.text import Text

__all__ = ["MissingCJKFontWarning", "Namer", "cjk_family", "needs_cjk"]

SAMPLE = "小区党支部社区街道"
"""Characters a font must have to draw this library's names."""

PREFERRED: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "SimHei",
    "Noto Serif CJK SC",
    "Noto Serif SC",
    "Source Han Serif SC",
    "Noto Serif CJK",
    "Source Han Serif",
    "Songti SC",
    "SimSun",
    "AR PL UMing",
    "AR PL UKai",
    "Droid Sans Fallback",
)
"""Families with Chinese glyphs, best first; a name also matches its variants
("Noto Sans CJK" matches "Noto Sans CJK JP")."""

_CJK = re.compile(
    "[\u2e80-\u303f\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
)

INSTALL_HINT = (
    "install one (Debian, Ubuntu: apt-get install fonts-noto-cjk) and restart Python, or "
    "register a font file you have: "
    "matplotlib.font_manager.fontManager.addfont('/path/to/NotoSansCJKsc-Regular.otf')"
)


class MissingCJKFontWarning(UserWarning):
    """A plot was asked to label by name, a name needs Chinese glyphs, and no installed font has
    them: the plot labels those by id instead, and says what to install.

    Examples:
        >>> issubclass(MissingCJKFontWarning, UserWarning)
        True
    """


def needs_cjk(text: str) -> bool:
    """Whether a text has CJK characters, which matplotlib's default font cannot draw."""
    return _CJK.search(text) is not None


def _rank(family: str) -> int | None:
    """Where a family stands in :data:`PREFERRED`; ``None`` when it is not there."""
    for rank, preferred in enumerate(PREFERRED):
        if family == preferred or family.startswith(preferred + " "):
            return rank
    return None


@functools.cache
def _covers(path: str) -> bool:
    """Whether the font in a file has a glyph of its own for each character of :data:`SAMPLE`
    (a fallback font such as matplotlib's Last Resort maps them all to one box)."""
    from matplotlib.ft2font import FT2Font

    try:
        charmap = FT2Font(path).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    characters = set(SAMPLE)
    glyphs = {charmap.get(ord(c)) for c in characters}
    return None not in glyphs and len(glyphs) == len(characters)


def _known_fonts() -> list[tuple[str, str]]:
    """The family and file of each font matplotlib knows."""
    from matplotlib import font_manager

    return [(entry.name, entry.fname) for entry in font_manager.fontManager.ttflist]


@functools.cache
def _system_font_files() -> tuple[str, ...]:
    from matplotlib import font_manager

    return tuple(sorted(font_manager.findSystemFonts()))


def _unloaded_font_files() -> list[str]:
    """The system's font files that matplotlib's font list does not have (its list is cached
    on disk the first time it runs, and misses fonts installed since)."""
    loaded = {path for _, path in _known_fonts()}
    return [path for path in _system_font_files() if path not in loaded]


def _register(path: str) -> list[tuple[str, str]]:
    """Adds a font file to matplotlib's font list, for this process; the family and file of
    each font it holds (a collection holds several)."""
    from matplotlib import font_manager

    before = len(font_manager.fontManager.ttflist)
    font_manager.fontManager.addfont(path)
    return [(entry.name, entry.fname) for entry in font_manager.fontManager.ttflist[before:]]


def _best(fonts: Iterable[tuple[str, str]]) -> str | None:
    """The family best placed in :data:`PREFERRED`, else the first that covers the sample."""
    fonts = list(fonts)
    ranked = [(rank, family) for family, _ in fonts if (rank := _rank(family)) is not None]
    if ranked:
        return min(ranked)[1]
    return next((family for family, path in fonts if _covers(path)), None)


def _search(known: Iterable[tuple[str, str]], unloaded: Iterable[str]) -> str | None:
    """The family to draw Chinese in: among the fonts matplotlib knows; else among the files
    it does not have, each that covers the sample being registered, regular and bold alike."""
    found = _best(known)
    if found is not None:
        return found
    return _best(font for path in unloaded if _covers(path) for font in _register(path))


def cjk_family() -> str | None:
    """The family of an installed font that draws Chinese; ``None`` when there is none."""
    return _search(_known_fonts(), _unloaded_font_files())


@attrs.define
class Namer:
    """Labels the entities of one plot: by name or by id, as asked.

    A name that needs Chinese glyphs, when no installed font has them, is replaced by the id
    (ids are ASCII), and :meth:`warn` then warns once for the whole plot.
    """

    labels: Labels
    fallbacks: int = 0
    _family: str | None = None
    _searched: bool = False

    @property
    def family(self) -> str | None:
        """The CJK font's family, looked for once, the first time a name needs it."""
        if not self._searched:
            self._family = cjk_family()
            self._searched = True
        return self._family

    def __call__(self, id: str, name: str | None) -> str:
        """The label of the entity with this id and name."""
        if self.labels == "id" or not name:
            return id
        if needs_cjk(name) and self.family is None:
            self.fallbacks += 1
            return id
        return name

    def style(self, texts: Iterable[Text]) -> None:
        """Gives the CJK font to those of ``texts`` that need it."""
        for text in texts:
            if needs_cjk(text.get_text()) and self.family is not None:
                text.set_fontfamily([self.family, "sans-serif"])

    def warn(self) -> None:
        """Warns once if some names were replaced by ids; called by the plot function itself."""
        if self.fallbacks:
            shown = (
                "1 label shows its id instead of its name"
                if self.fallbacks == 1
                else f"{self.fallbacks} labels show ids instead of names"
            )
            warnings.warn(
                f"no installed font has Chinese glyphs, so {shown}. To draw the names, "
                f"{INSTALL_HINT}. labels='id' draws ids without this warning.",
                MissingCJKFontWarning,
                stacklevel=3,
            )
