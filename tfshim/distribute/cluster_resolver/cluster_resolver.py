"""tf.distribute.cluster_resolver.ClusterResolver and SimpleClusterResolver (TF's
cluster_resolver.py): where the tasks of a cluster are, and which one this process is."""

from __future__ import annotations

import collections

from ... import _api
from ..._core import context
from ...train.server_lib import ClusterSpec


def format_master_url(master, rpc_layer=None):
    return "%s://%s" % (rpc_layer, master) if rpc_layer else master


def local_accelerators():
    """This process's accelerators by kind, as TF's num_accelerators counts them (GPU, TPU)."""
    counts = collections.defaultdict(int)
    for kind in ("GPU", "TPU"):
        n = len(context._jax_devices(kind))
        if n:
            counts[kind] = n
    return counts


@_api.export("distribute.cluster_resolver.ClusterResolver")
class ClusterResolver:
    """tf.distribute.cluster_resolver.ClusterResolver: the interface (`cluster_spec`, `master`,
    `task_type`, `task_id`, `num_accelerators`)."""

    def cluster_spec(self):
        raise NotImplementedError()

    def master(self, task_type=None, task_id=None, rpc_layer=None):
        raise NotImplementedError()

    def num_accelerators(self, task_type=None, task_id=None, config_proto=None):
        """This task's accelerators by kind (only the local task's are known, as in TF)."""
        return local_accelerators()

    @property
    def environment(self):
        return ""

    @property
    def task_type(self):
        return getattr(self, "_task_type", None)

    @property
    def task_id(self):
        return getattr(self, "_task_id", None)

    @task_type.setter
    def task_type(self, task_type):
        self._task_type = task_type

    @task_id.setter
    def task_id(self, task_id):
        self._task_id = task_id


@_api.export("distribute.cluster_resolver.SimpleClusterResolver")
class SimpleClusterResolver(ClusterResolver):
    """tf.distribute.cluster_resolver.SimpleClusterResolver: a resolver holding a given
    ClusterSpec."""

    def __init__(self, cluster_spec, master="", task_type=None, task_id=None, environment="",
                 num_accelerators=None, rpc_layer=None):
        if not isinstance(cluster_spec, ClusterSpec):
            raise TypeError("cluster_spec must be a `tf.train.ClusterSpec`.")
        if not isinstance(master, str):
            raise TypeError("master must be a string.")
        self._cluster_spec = cluster_spec
        self._master = master
        self._task_type = task_type
        self._task_id = task_id
        self._environment = environment
        self._num_accelerators = num_accelerators
        self._rpc_layer = rpc_layer

    def cluster_spec(self):
        return self._cluster_spec

    def master(self, task_type=None, task_id=None, rpc_layer=None):
        if task_type is not None and task_id is not None:
            master = self.cluster_spec().task_address(task_type, task_id)
        else:
            master = self._master
        return format_master_url(master, rpc_layer=rpc_layer or self._rpc_layer)

    @property
    def environment(self):
        return self._environment

    def num_accelerators(self, task_type=None, task_id=None, config_proto=None):
        return {} if self._num_accelerators is None else self._num_accelerators

    @property
    def rpc_layer(self):
        return self._rpc_layer

    @rpc_layer.setter
    def rpc_layer(self, rpc_layer):
        self._rpc_layer = rpc_layer
