"""The seed city, and the seed city with more of p-chen's records."""

from datetime import date

import pytest

import neighborparty as np_
from neighborparty import City, examples
from tests.points import K, act


@pytest.fixture(scope="module")
def city() -> City:
    return examples.seed_city()


@pytest.fixture(scope="module")
def two_items(city: City) -> City:
    """The seed's p-chen claims a second service item and does it too, and pays dues quarterly."""
    dues = [act(f"dues-{m}", K.DUES_PAID, date(2020, m, 10)) for m in (1, 4, 7, 10)]
    return city.with_updates(
        service_items=[np_.ServiceItem(id="si-shopping", compound="c-jinan", name="代购")],
        claims=[
            np_.ServiceClaim(
                id="cl-2", person="p-chen", item="si-shopping", claimed_on=date(2020, 4, 1)
            )
        ],
        activities=[act("ac-6", K.SERVICE_ITEM_DONE, date(2020, 9, 26), ref="si-shopping"), *dues],
    )
