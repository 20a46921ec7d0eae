"""The HTML a notebook shows for a City: a summary of its name, id and counts, escaped."""

import attrs

from neighborparty import City
from tests._helpers import parsed, text_of


def test_the_city_html_shows_its_name_id_and_counts(city: City) -> None:
    parser = parsed(city._repr_html_())
    text = " ".join(parser.text)
    assert city.name in text
    assert city.id in text
    assert parser.tags["tr"] == 1 + sum(1 for n in city.counts().values() if n)


def test_a_city_name_is_escaped(city: City) -> None:
    odd = attrs.evolve(city, name="<b>Xiamen</b> & co")
    markup = odd._repr_html_()
    assert "<b>" not in markup
    assert "&lt;b&gt;Xiamen&lt;/b&gt; &amp; co" in markup
    assert odd.name in text_of(markup)
