"""Plots for notebooks: a community's organisation tree, coverage by place, a sweep's curve.

Each function draws on the matplotlib ``ax`` it is given, or on a new figure when ``ax`` is
``None``, and returns the axes. A new figure is sized for a notebook: at most 12 inches wide
and 10 tall, however large the city. matplotlib is an optional dependency, imported only when
a function is called: install it with ``pip install "neighborparty[plot]"``.

People appear by id only, never by name: party membership is sensitive. Places and
organisations are labelled by name or by id, as ``labels`` asks. Their names are Chinese:
matplotlib's default font cannot draw them, so the plots look for a font that can among the
installed ones (Noto Sans CJK, Source Han Sans, WenQuanYi, Microsoft YaHei, PingFang, SimHei
and others, or any font with the glyphs) and give it to the texts that need it, leaving
matplotlib's settings as they are. Without one, names are drawn as ids, and a
:class:`MissingCJKFontWarning` says what to install: on Debian or Ubuntu
``apt-get install fonts-noto-cjk``; anywhere, a font file registered with
``matplotlib.font_manager.fontManager.addfont(path)``.

Examples:
    >>> from neighborparty import examples, plot
    >>> ax = plot.tree(examples.seed_city(), "cm-old", expand=True)
    >>> sorted(t.get_text().split("\\n")[0] for t in ax.texts)
    ['br-grid-old', 'c-old', 'cm-old', 'grp-datong', 'ln-datong', 'p-xu']
    >>> [float(inches) for inches in ax.figure.get_size_inches()]
    [6.0, 8.0]
"""

from __future__ import annotations

from neighborparty.plot._coverage import coverage
from neighborparty.plot._fonts import MissingCJKFontWarning
from neighborparty.plot._sweep import sweep
from neighborparty.plot._tree import tree

__all__ = ["MissingCJKFontWarning", "coverage", "sweep", "tree"]
