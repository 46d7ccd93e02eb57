"""tf.nest: TF's structure rules (lists, tuples, namedtuples, dicts by sorted key, None a leaf)."""

from __future__ import annotations

import collections.abc

from .. import _api

_NESTED_TYPES = {list, tuple, dict}
_LEAF_TYPES: set = set()  # types seen not to be structures (tensors, numbers): fast answers


def is_nested(seq) -> bool:
    """tf.nest.is_nested."""
    t = type(seq)
    if t in _NESTED_TYPES:
        return True
    if t in _LEAF_TYPES:
        return False
    nested = isinstance(seq, (list, tuple, collections.abc.Mapping)) and not isinstance(
        seq, (str, bytes))
    (_NESTED_TYPES if nested else _LEAF_TYPES).add(t)
    return nested


def _children(structure):
    if isinstance(structure, collections.abc.Mapping):
        return [structure[k] for k in _sorted(structure)]
    return list(structure)


def _sorted(mapping):
    try:
        return sorted(mapping)
    except TypeError as e:
        raise TypeError("nest only supports dicts with sortable keys.") from e


def _is_composite(x) -> bool:
    """A composite tensor or a TypeSpec of one (expand_composites expands both, as TF's)."""
    return getattr(type(x), "_tf_composite", False)


def _spec(x):
    """A composite's TypeSpec (a TypeSpec is its own)."""
    return x if getattr(type(x), "_tf_type_spec", False) else x._type_spec


def _expand(x):
    """A composite's components (a TypeSpec's component specs)."""
    if getattr(type(x), "_tf_type_spec", False):
        return x._component_specs
    return x._type_spec._to_components(x)


def flatten(structure, expand_composites=False):
    """tf.nest.flatten."""
    if not expand_composites:
        if not is_nested(structure):
            return [structure]
        if type(structure) in (list, tuple) and not any(map(is_nested, structure)):
            return list(structure)  # a flat sequence, the common case
    out = []
    stack = [structure]
    while stack:
        s = stack.pop()
        if is_nested(s):
            stack.extend(reversed(_children(s)))
        elif expand_composites and _is_composite(s):
            stack.append(_expand(s))
        else:
            out.append(s)
    return out


def flatten_up_to(shallow_tree, input_tree) -> list:
    """TF's nest.flatten_up_to: input_tree's parts at shallow_tree's leaves (a leaf of
    shallow_tree takes a whole substructure); TypeError or ValueError where input_tree lacks
    shallow_tree's structure (lists and tuples interchangeable)."""
    if not is_nested(shallow_tree):
        return [input_tree]
    mapping = isinstance(shallow_tree, collections.abc.Mapping)
    if not isinstance(input_tree, collections.abc.Mapping if mapping else (list, tuple)):
        raise TypeError("If shallow structure is a sequence, input must also be a sequence. "
                        "Input has type: %s." % type(input_tree).__name__)
    if mapping and sorted(input_tree) != _sorted(shallow_tree):
        raise ValueError("The two structures don't have the same keys. Input structure has "
                         "keys %s, while shallow structure has keys %s."
                         % (sorted(input_tree), _sorted(shallow_tree)))
    if not mapping and len(input_tree) != len(shallow_tree):
        raise ValueError("The two structures don't have the same sequence length. Input "
                         "structure has length %d, while shallow structure has length %d."
                         % (len(input_tree), len(shallow_tree)))
    return [x for s, v in zip(_children(shallow_tree), _children(input_tree))
            for x in flatten_up_to(s, v)]


def _rebuild(structure, children):
    if isinstance(structure, collections.abc.Mapping):
        result = dict(zip(_sorted(structure), children))
        return type(structure)((k, result[k]) for k in structure)
    if isinstance(structure, tuple) and hasattr(structure, "_fields"):
        return type(structure)(*children)
    return type(structure)(children)


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    """tf.nest.pack_sequence_as."""
    flat_sequence = list(flat_sequence)
    n = len(flatten(structure, expand_composites))
    if len(flat_sequence) != n:
        raise ValueError(
            "Could not pack sequence. Structure had %d atoms, but flat_sequence had %d items.  "
            "Structure: %s, flat_sequence: %s." % (n, len(flat_sequence), structure,
                                                   flat_sequence)
        )
    it = iter(flat_sequence)

    def pack(s):
        if expand_composites and _is_composite(s):
            spec = _spec(s)
            return spec._from_components(pack(spec._component_specs))
        if not is_nested(s):
            return next(it)
        return _rebuild(s, [pack(c) for c in _children(s)])

    return pack(structure)


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    """tf.nest.assert_same_structure."""

    def check(a, b):
        if expand_composites and _is_composite(a) and _is_composite(b):
            sa, sb = _spec(a), _spec(b)
            if type(sa) is not type(sb):
                raise TypeError("The two structures don't have the same sequence type. Input "
                                f"structure has type {type(a)!r}, while shallow structure has "
                                f"type {type(b)!r}.")
            return check(_expand(a), _expand(b))
        if is_nested(a) != is_nested(b):
            raise ValueError(
                "The two structures don't have the same nested structure.\n\n"
                f"First structure: {nest1}\n\nSecond structure: {nest2}"
            )
        if not is_nested(a):
            return
        if check_types and type(a) is not type(b):
            raise TypeError(
                "The two structures don't have the same sequence type. Input structure has type "
                f"{type(a)!r}, while shallow structure has type {type(b)!r}."
            )
        ca, cb = _children(a), _children(b)
        if len(ca) != len(cb) or (isinstance(a, dict) and _sorted(a) != _sorted(b)):
            raise ValueError(
                "The two structures don't have the same nested structure.\n\n"
                f"First structure: {nest1}\n\nSecond structure: {nest2}"
            )
        for x, y in zip(ca, cb):
            check(x, y)

    check(nest1, nest2)


def map_structure(func, *structure, **kwargs):
    """tf.nest.map_structure."""
    check_types = kwargs.pop("check_types", True)
    expand = kwargs.pop("expand_composites", False)
    if kwargs:
        raise ValueError(f"Only valid keyword arguments are `check_types` and "
                         f"`expand_composites`, not: `{', '.join(kwargs)}`")
    for other in structure[1:]:
        assert_same_structure(structure[0], other, check_types=check_types,
                              expand_composites=expand)
    flat = [flatten(s, expand) for s in structure]
    return pack_sequence_as(structure[0], [func(*xs) for xs in zip(*flat)], expand)


for _fn in (is_nested, flatten, pack_sequence_as, assert_same_structure, map_structure):
    _api.export("nest." + _fn.__name__)(_fn)
