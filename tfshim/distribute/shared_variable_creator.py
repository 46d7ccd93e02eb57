"""Variables created inside `strategy.run` (TF's shared_variable_creator.py): the first replica
creates each one (a MirroredVariable, as the strategy's scope makes it), the others get the
same variable back, matched by its name without TF's uniquifying suffixes, in creation order."""

from __future__ import annotations

import re

_UNIQUIFYING = re.compile(r"_\d/")
_UNIQUIFYING_AT_END = re.compile(r"_\d$")


def _canonical_name(name) -> str:
    if name is None:
        return "Variable"
    return _UNIQUIFYING_AT_END.sub("", _UNIQUIFYING.sub("/", name))


def make_fn(store: dict, replica_id: int):
    """The variable creator of replica `replica_id` of one run, sharing `store` with the
    other replicas' (replica 0 runs first, as the replica threads take turns)."""
    taken: dict = {}

    def create_new_variable(next_creator, **kwargs):
        v = next_creator(**kwargs)
        store.setdefault(_canonical_name(kwargs.get("name")), []).append(v)
        return v

    def reuse_variable(next_creator, **kwargs):
        del next_creator
        name = kwargs.get("name")
        canonical = _canonical_name(name)
        index = taken.get(canonical, 0)
        try:
            v = store[canonical][index]
        except (KeyError, IndexError):
            raise RuntimeError("Tried to create variable {} with mismatching name on device {}"
                               .format(name, replica_id)) from None
        taken[canonical] = index + 1
        return v

    return create_new_variable if replica_id == 0 else reuse_variable
