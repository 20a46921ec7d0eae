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
autodoc_preserve_defaults = True  # signatures show policy=DEFAULT_POLICY, not its value
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


# -- Pages generated from the rule objects -------------------------------------------------------
#
# The rule pages and the parameter table are written from the catalogue itself, so that they can
# never disagree with the code.


def _write_rule_pages() -> None:
    from neighborparty.rules import DEFAULT_POLICY, all_rules
    from neighborparty.rules.np import GROUPS

    out = Path(__file__).resolve().parent / "rules"
    out.mkdir(exist_ok=True)
    rules = all_rules()
    for prefix, (title, _module) in GROUPS.items():
        lines = [f"# {prefix}xx — {title}", ""]
        for r in (r for r in rules if r.code.startswith(prefix)):
            lines += [
                f"## {r.code} {r.title_en}",
                "",
                f"**{r.title_zh}** · severity *{r.severity.value}* · subject: {r.subject} · "
                f"source: {r.citation}",
                "",
                r.statement_en,
                "",
                f"> {r.statement_zh}",
                "",
            ]
            if r.parameters:
                lines += [
                    "| parameter | default | unit | values in force | source | confidence |",
                    "|---|---|---|---|---|---|",
                ]
                for name in r.parameters:
                    p = DEFAULT_POLICY.parameter(name)
                    lines.append(
                        f"| `{name}` | {p.default:g} | {p.unit} | {p.history()} | {p.citation} | "
                        f"{p.confidence.value.replace('_', ' ')} |"
                    )
                lines.append("")
            if r.condition is not None:
                lines += [f"Requires: `{r.condition.describe()}`", ""]
            if len(r.versions) > 1:
                lines += ["| version in force from | source |", "|---|---|"]
                for v in r.versions:
                    since = "always" if v.since is None else v.since.isoformat()
                    lines.append(f"| {since} | {v.citation} |")
                lines.append("")
            if r.subject_day is not None:
                lines += [f"Each {r.subject} is judged by the law in force on its `{r.subject_day}`.", ""]
            if r.reads is not None:
                lines += ["Reads: " + ", ".join(f"`{name}`" for name in r.reads.declared), ""]
            if r.tipping:
                lines += [
                    "Tipping points and sweeps: "
                    + ", ".join(f"`{name}`" for name in sorted(r.tipping)),
                    "",
                ]
        (out / f"{prefix.lower()}.md").write_text("\n".join(lines), encoding="utf-8")
    table = [
        "# Parameters",
        "",
        "Every number a rule reads, with its default value, its values by the day each is in",
        "force from, its source and how sure that source is. Before its first value a parameter",
        "has none in force: a subject judged on such a day by a rule that needs it is",
        "*undetermined*, naming the parameter, rather than judged by a later source. *Library",
        "default* marks a number no source gives: the library chose it, and it is in force",
        "always. Reform any of them with",
        "`DEFAULT_POLICY.with_parameters({name: value}, effective=day)`.",
        "",
        "| parameter | default | unit | values in force | source | confidence | meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in DEFAULT_POLICY.parameters:
        table.append(
            f"| `{p.name}` | {p.default:g} | {p.unit} | {p.history()} | "
            f"{p.citation} | {p.confidence.value.replace('_', ' ')} | {p.description} |"
        )
    (out / "parameters.md").write_text("\n".join(table) + "\n", encoding="utf-8")


_write_rule_pages()
