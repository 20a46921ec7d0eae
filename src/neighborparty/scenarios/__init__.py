"""Scenarios on a cluster (情景分析): grids of checks, and one city checked part by part.

:func:`run` checks many :class:`Scenario` — a city or a synthetic recipe, a policy or a reform,
a day — and gathers a row per scenario and rule; :func:`check_partitioned` splits one city by
district, sub-district or community, checks the parts, and merges their outcomes into the very
report of the whole city. Both run on any :class:`concurrent.futures.Executor`: in this process
by default (:class:`InProcessExecutor`), a :class:`~concurrent.futures.ProcessPoolExecutor`, or
a Dask cluster through ``dask.distributed.Client.get_executor()`` (the ``dask`` extra).

Examples:
    >>> from neighborparty import check, examples
    >>> from neighborparty.scenarios import Scenario, check_partitioned, run
    >>> city = examples.seed_city()
    >>> results = run([Scenario(city=city, label="now"),
    ...                Scenario(city=city, reform={"branch.min_full_members": 5}, label="5")])
    >>> [(c.code, c.subject) for c in results.compare("now")]
    [('NP103', 'br-jinan'), ('NP103', 'br-joint')]
    >>> check_partitioned(city, by="community").findings == check(city).findings
    True
"""

from neighborparty.scenarios._executors import InProcessExecutor, worker_count
from neighborparty.scenarios._partition import BY, Part, check_partitioned, partition
from neighborparty.scenarios._results import Change, Recipe, Results, Row
from neighborparty.scenarios._run import Scenario, run

__all__ = [
    "BY",
    "Change",
    "InProcessExecutor",
    "Part",
    "Recipe",
    "Results",
    "Row",
    "Scenario",
    "check_partitioned",
    "partition",
    "run",
    "worker_count",
]
