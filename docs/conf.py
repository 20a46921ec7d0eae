"""Sphinx configuration for the neighborparty documentation.

Build with::

    sphinx-build -W -b html docs docs/_build/html
"""

from __future__ import annotations

import sys
from pathlib import Path

# Document the source tree next to this file, whether or not the package is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import neighborparty

# -- Project -----------------------------------------------------------------------------------

project = "neighborparty"
author = "The neighborparty developers"
copyright = "The neighborparty developers"
release = neighborparty.__version__
version = release

# -- General -----------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
language = "en"

# -- MyST --------------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc and napoleon ----------------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "all"
autodoc_class_signature = "mixed"

napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

# -- HTML --------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"neighborparty {release}"
html_static_path: list[str] = []
