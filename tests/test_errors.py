"""The errors: one root, builtin leaves, and problems that travel with them."""

import pickle

import neighborparty as np_


def test_errors_pickle_with_their_problems() -> None:
    err = np_.DocumentError([np_.Problem(path="a", message="b", ids=("x",))])
    again = pickle.loads(pickle.dumps(err))
    assert again.problems == err.problems
    assert str(again) == str(err)
    unknown = pickle.loads(pickle.dumps(np_.UnknownIdError("c-9", "City 'x'")))
    assert (unknown.id, str(unknown)) == ("c-9", "no entity 'c-9' in City 'x'")
