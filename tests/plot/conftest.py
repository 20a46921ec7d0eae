"""What the plot tests share: synthetic cities, the installed CJK font or none, and a clean
slate of figures for each test."""

from collections.abc import Iterator

import matplotlib
import matplotlib.pyplot as plt
import pytest

from neighborparty import City, synth
from neighborparty.plot import _fonts

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def town() -> City:
    """A synthetic city of 19 communities, as the tutorial draws it at a smaller scale."""
    return synth.city(seed=1, scale=0.05)


@pytest.fixture(scope="session")
def many_communities() -> City:
    """A synthetic city of more communities (37) than a coverage chart shows."""
    return synth.city(seed=1, scale=0.1)


@pytest.fixture
def cjk_font() -> str:
    """The family of the installed font with Chinese glyphs; the test is skipped without one."""
    family = _fonts.cjk_family()
    if family is None:
        pytest.skip("no installed font has Chinese glyphs (Debian: apt-get install fonts-noto-cjk)")
    return family


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """The font finder pointed at an empty list of fonts, as on a machine without CJK fonts."""
    monkeypatch.setattr(_fonts, "_known_fonts", list)
    monkeypatch.setattr(_fonts, "_unloaded_font_files", list)
