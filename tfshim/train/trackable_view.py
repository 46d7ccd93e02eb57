"""tf.train.TrackableView (TF's checkpoint/trackable_view.py): a breadth-first view of the
objects a trackable depends on, as checkpoints and SavedModels walk them."""

from __future__ import annotations

import collections
import weakref

from .. import _api
from . import graph_view


@_api.export("train.TrackableView")
class TrackableView:
    """tf.train.TrackableView."""

    def __init__(self, root):
        self._root_ref = root if isinstance(root, weakref.ref) else weakref.ref(root)

    @classmethod
    def children(cls, obj, save_type="checkpoint", **kwargs):
        """The trackables attached to `obj`, by name (`_trackable_children(save_type)`; lists
        and dicts among them walked as TF walks its wrappers)."""
        return dict(graph_view.children(obj, save_type, **kwargs))

    @property
    def root(self):
        return self._root_ref() if isinstance(self._root_ref, weakref.ref) else self._root_ref

    def descendants(self):
        """Every object reachable from the root, breadth first (the root first)."""
        return self._descendants_with_paths()[0]

    def _descendants_with_paths(self):
        order, paths = [], {id(self.root): ()}
        queue = collections.deque([self.root])
        while queue:
            obj = queue.popleft()
            order.append(obj)
            for name, child in self.children(obj).items():
                if id(child) not in paths:
                    paths[id(child)] = paths[id(obj)] + (name,)
                    queue.append(child)
        return order, paths
