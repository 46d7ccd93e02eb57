"""tf.Module: variables, trainable_variables and submodules found by walking attributes."""

from __future__ import annotations

import functools
import re

from .. import _api
from . import data_structures, nest
from .scope import name_scope
from .trackable import run_deferred
from .variable import Variable

_VALID_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _camel_to_snake(name: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2",
                  re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)).lower()


@_api.export("Module")
class Module:
    """tf.Module."""

    _TF_MODULE_IGNORED_PROPERTIES = frozenset()

    def __init__(self, name=None):
        if name is None:
            name = _camel_to_snake(type(self).__name__)
        elif not _VALID_NAME.match(name):
            raise ValueError(
                "'%s' is not a valid module name. Module names must be valid Python "
                "identifiers (e.g. a valid class name)." % name)
        self._name = name
        with name_scope(name) as scope_name:
            self._scope_name = scope_name
        self._name_scope = name_scope(scope_name)

    name = property(lambda self: self._name)
    name_scope = property(lambda self: self._name_scope)

    def __setattr__(self, name, value):
        # Lists and dicts become TF's ListWrapper/_DictWrapper, as TF's Module tracks them.
        value = data_structures.wrap(value)
        object.__setattr__(self, name, value)
        # Delayed restoration: a checkpoint restored before this attribute existed queued its
        # values here (tfshim/train/restore.py), as TF's Trackable._deferred_dependencies.
        if "_tf_deferred" in self.__dict__:
            run_deferred(self, name, value)

    @property
    def variables(self):
        """Every tf.Variable of this module and its submodules, in TF's traversal order."""
        return tuple(_flatten(self, lambda x: isinstance(x, Variable)))

    @property
    def trainable_variables(self):
        return tuple(_flatten(self, lambda x: isinstance(x, Variable) and x.trainable))

    @property
    def non_trainable_variables(self):
        return tuple(_flatten(self, lambda x: isinstance(x, Variable) and not x.trainable))

    @property
    def submodules(self):
        return tuple(_flatten(self, lambda x: isinstance(x, Module)))

    @classmethod
    def with_name_scope(cls, method):
        """Decorator: run the method inside the module's name scope."""

        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)

        return wrapper


def _flatten(module, predicate, seen=None, stack=None):
    """TF's _flatten_module: a module's own leaves (attributes by sorted name, nested structures
    flattened), then each submodule's, depth first; every object once."""
    seen = {id(module)} if seen is None else seen
    stack = [] if stack is None else stack
    recursive = id(module) not in stack
    submodules = []
    attrs = vars(module)
    for key in sorted(attrs):
        if key in module._TF_MODULE_IGNORED_PROPERTIES:
            continue
        try:
            leaves = nest.flatten(attrs[key])
        except TypeError:
            leaves = [attrs[key]]
        for leaf in leaves:
            if id(leaf) in seen:
                continue
            seen.add(id(leaf))
            if predicate(leaf):
                yield leaf
            if recursive and isinstance(leaf, Module):
                submodules.append(leaf)
    stack.append(id(module))
    for sub in submodules:
        yield from _flatten(sub, predicate, seen, stack)
    stack.pop()
