"""tf.distribute.cluster_resolver.TFConfigClusterResolver (TF's tfconfig_cluster_resolver.py):
the cluster as the TF_CONFIG environment variable (JSON) describes it."""

from __future__ import annotations

import json
import os

from ... import _api
from ...train.server_lib import ClusterSpec
from .cluster_resolver import ClusterResolver, format_master_url


def load_tf_config():
    return json.loads(os.environ.get("TF_CONFIG", "{}"))


def _get_value_in_tfconfig(key, default=None):
    return load_tf_config().get(key, default)


def _task_field(key, kind, override):
    """TF_CONFIG's task type or index (`override` wins when given)."""
    if override is not None:
        return kind(override)
    task_info = _get_value_in_tfconfig("task", {})
    return kind(task_info[key]) if key in task_info else None


@_api.export("distribute.cluster_resolver.TFConfigClusterResolver")
class TFConfigClusterResolver(ClusterResolver):
    """tf.distribute.cluster_resolver.TFConfigClusterResolver: `cluster`, `task`, `rpc_layer`
    and `session_master` read from TF_CONFIG each time they are asked for, as TF's."""

    def __init__(self, task_type=None, task_id=None, rpc_layer=None, environment=None):
        self._task_type = task_type
        self._task_id = task_id
        self._rpc_layer = rpc_layer
        self._environment = environment

    @ClusterResolver.task_type.getter
    def task_type(self):
        return _task_field("type", str, self._task_type)

    @ClusterResolver.task_id.getter
    def task_id(self):
        return _task_field("index", int, self._task_id)

    @property
    def environment(self):
        return self._environment

    @property
    def rpc_layer(self):
        return _get_value_in_tfconfig("rpc_layer") if self._rpc_layer is None \
            else self._rpc_layer

    @rpc_layer.setter
    def rpc_layer(self, rpc_layer):
        self._rpc_layer = rpc_layer

    def cluster_spec(self):
        tf_config = load_tf_config()
        return ClusterSpec(tf_config.get("cluster", {}))

    def master(self, task_type=None, task_id=None, rpc_layer=None):
        session_master = _get_value_in_tfconfig("session_master")
        if session_master is not None:
            return session_master
        cluster_spec = self.cluster_spec()
        if not cluster_spec.jobs or (len(cluster_spec.jobs) == 1 and
                                     len(cluster_spec.job_tasks(cluster_spec.jobs[0])) == 1):
            return ""
        task_type = task_type if task_type is not None else self.task_type
        task_id = task_id if task_id is not None else self.task_id
        rpc_layer = rpc_layer if rpc_layer is not None else self.rpc_layer
        return format_master_url(cluster_spec.task_address(task_type, task_id), rpc_layer)
