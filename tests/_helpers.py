"""What tests of several layers share: the seed article's day, and a reader of the HTML views."""

from collections import Counter
from datetime import date
from html.parser import HTMLParser

SEED_DAY = date(2020, 10, 26)
"""The seed article's day."""

VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr"}


class WellFormed(HTMLParser):
    """Checks that every start tag is closed, in order; collects the text and counts the tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attributes: object) -> None:
        self.tags[tag] += 1
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open[-1] == tag, f"</{tag}> closes <{self.open[-1]}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(markup: str) -> WellFormed:
    """The markup read through :class:`WellFormed`, checked to close every tag it opens."""
    parser = WellFormed()
    parser.feed(markup)
    parser.close()
    assert parser.open == [], f"unclosed: {parser.open}"
    return parser


def text_of(markup: str) -> str:
    """The text of well-formed markup."""
    return " ".join(parsed(markup).text)
