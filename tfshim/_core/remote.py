"""tf.config.experimental_connect_to_cluster / experimental_connect_to_host (TF's
eager/remote.py), with TF's argument checks.

Differences from TensorFlow: tfshim has no distributed runtime. A cluster that holds only this
process's own job (or none, or a resolver whose master is local) needs no server: the call
succeeds and changes nothing, as TF's local server changes nothing a program can see. A cluster
with remote tasks raises UnavailableError at once, where TF blocks trying to reach them.
"""

from __future__ import annotations

from .. import _api
from . import context, errors

_LOCAL_MASTERS = ("", "local")
_GRPC_PREFIX = "grpc://"


@_api.export("config.experimental_connect_to_host")
def connect_to_remote_host(remote_host=None, job_name="worker"):
    """tf.config.experimental_connect_to_host."""
    from ..train.server_lib import ClusterSpec
    from . import nest

    if not remote_host:
        raise ValueError("Must provide at least one remote_host")
    hosts = [h[len(_GRPC_PREFIX):] if h.startswith(_GRPC_PREFIX) else h
             for h in nest.flatten(remote_host)]
    connect_to_cluster(ClusterSpec({job_name: hosts}))


@_api.export("config.experimental_connect_to_cluster")
def connect_to_cluster(cluster_spec_or_resolver, job_name="localhost", task_index=0,
                       protocol=None, make_master_device_default=True,
                       cluster_device_filters=None):
    """tf.config.experimental_connect_to_cluster."""
    from ..distribute.cluster_resolver.cluster_resolver import ClusterResolver
    from ..train.server_lib import ClusterSpec

    if not context.executing_eagerly():
        raise ValueError("`tf.config.experimental_connect_to_cluster` can only be called in "
                         "eager mode.")
    if isinstance(cluster_spec_or_resolver, ClusterSpec):
        cluster_spec = cluster_spec_or_resolver
    elif isinstance(cluster_spec_or_resolver, ClusterResolver):
        if cluster_spec_or_resolver.master() in _LOCAL_MASTERS:
            return
        cluster_spec = cluster_spec_or_resolver.cluster_spec()
    else:
        raise ValueError("`cluster_spec_or_resolver` must be a `ClusterSpec` or a "
                         "`ClusterResolver`.")
    if cluster_device_filters:  # tfshim has no ClusterDeviceFilters: none is one
        raise ValueError("`cluster_device_filters` must be an instance of "
                         "`tf.train.experimental.ClusterDeviceFilters`.")
    remote = {job: [cluster_spec.task_address(job, i) for i in cluster_spec.task_indices(job)]
              for job in cluster_spec.jobs if job != job_name}
    remote = {job: tasks for job, tasks in remote.items() if tasks}
    if remote:
        raise errors.UnavailableError(
            None, None, "tfshim has no distributed runtime: cannot connect to the remote tasks "
            "%s" % ", ".join("/job:%s (%s)" % (job, ", ".join(tasks))
                             for job, tasks in sorted(remote.items())))
