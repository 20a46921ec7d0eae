"""What the tests of documents share: JSON values, and documents mutated from a valid one."""

import copy
from typing import Any

from hypothesis import strategies as st

from neighborparty import examples, to_dict

SEED_DOCUMENT = to_dict(examples.seed_city())
"""The seed city as a document (do not change it: strategies copy it)."""

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


SHORT_KEYS = st.text(max_size=6)
"""Keys a mutation adds to an object."""


def mutations(
    doc: dict[str, Any],
    *,
    values: st.SearchStrategy[Any] = json_values,
    new_keys: st.SearchStrategy[str] = SHORT_KEYS,
    copies: bool = False,
    most: int = 4,
) -> st.SearchStrategy[dict[str, Any]]:
    """Documents that differ from a valid one in a few places (at most ``most``), so the
    fuzzing reaches deep: values replaced by ``values``, keys deleted or added (named by
    ``new_keys``), items appended, and with ``copies`` an item of a list copied (a duplicate id,
    most often)."""
    actions = ["replace", "delete", "add", *(["copy"] if copies else [])]

    @st.composite
    def mutate(draw: st.DrawFn) -> dict[str, Any]:
        data = copy.deepcopy(doc)
        for _ in range(draw(st.integers(1, most))):
            target: Any = data
            while True:
                keys = list(target) if isinstance(target, dict) else list(range(len(target)))
                if not keys:
                    break
                key = draw(st.sampled_from(keys))
                child = target[key]
                if isinstance(child, (dict, list)) and child and draw(st.booleans()):
                    target = child
                    continue
                action = draw(st.sampled_from(actions))
                if action == "replace":
                    target[key] = draw(values)
                elif action == "delete" and isinstance(target, dict):
                    del target[key]
                elif action == "copy" and isinstance(target, list):
                    target.append(copy.deepcopy(child))
                elif isinstance(target, dict):
                    target[draw(new_keys)] = draw(values)
                else:
                    target.append(draw(values))
                break
        return data

    return mutate()
