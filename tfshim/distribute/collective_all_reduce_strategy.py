"""tf.distribute.MultiWorkerMirroredStrategy (TF's collective_all_reduce_strategy.py):
MirroredStrategy over this worker's devices (its GPUs, else its first CPU, as TF picks them)
and, when the cluster resolver (TF_CONFIG) names a cluster, across the cluster's workers.

A worker is a JAX process: the strategy joins the cluster with `jax.distributed.initialize`
(the coordinator at the chief's address, else worker 0's; process id = TF's worker index), the
replicas' values are summed or gathered across workers by cross_device_utils.py, variables start
from worker 0's initial values, and each worker iterates its replicas' parts of a distributed
dataset.
"""

from __future__ import annotations

from .. import _api
from .._core import context, jax_internals, tf_logging
from . import collective_util, cross_device_utils, distribute_lib, multi_worker_util
from .cluster_resolver.tfconfig_cluster_resolver import TFConfigClusterResolver
from .mirrored_strategy import MirroredExtended, _canonical


def _local_devices():
    """TF's CollectiveAllReduceExtended._initialize_local: every GPU, else CPU:0 only (logical
    CPU devices are not replicas)."""
    return context._jax_devices("GPU") or context._jax_devices("CPU")[:1]


class CollectiveAllReduceExtended(MirroredExtended):
    """MirroredExtended for one worker of a (possibly one-worker) cluster."""

    def __init__(self, container_strategy, cluster_resolver, communication_options):
        self._cluster_resolver = cluster_resolver
        self._communication_options = communication_options
        cluster_spec = cluster_resolver.cluster_spec()
        self._task_type, self._task_id = cluster_resolver.task_type, cluster_resolver.task_id
        if cluster_spec.jobs:
            if self._task_type is None or self._task_id is None:
                raise ValueError("When `cluster_spec` is given, you must also specify "
                                 "`task_type` and `task_id`.")
            self._worker_index = multi_worker_util.id_in_cluster(
                cluster_spec, self._task_type, self._task_id)
            self._num_workers = multi_worker_util.worker_count(cluster_spec, self._task_type)
            if self._num_workers > 1:
                cross_device_utils.join_cluster(
                    multi_worker_util.coordinator_address(cluster_spec), self._num_workers,
                    self._worker_index)
        elif jax_internals.backends_started() and not context._started_by_listing[0]:
            # TF configures collective ops on its runtime, which ops already run have started.
            tf_logging.warning("Collective ops is not configured at program startup. Some "
                               "performance features may not be enabled.")
        super().__init__(container_strategy, _local_devices())

    def _in_multi_worker_mode(self):
        return self._num_workers > 1

    @property
    def worker_devices(self):
        if not self._cluster_resolver.cluster_spec().jobs:
            return tuple(_canonical(d) for d in self._devices)
        # This worker's devices by local index (JAX numbers devices across the cluster).
        kind = _canonical(self._devices[0]).rsplit("device:", 1)[1].split(":")[0]
        return tuple("/job:%s/replica:0/task:%d/device:%s:%d" % (
            self._task_type, self._task_id, kind, i) for i in range(len(self._devices)))

    parameter_devices = worker_devices

    @property
    def should_checkpoint(self):
        """Only the chief (worker 0) writes checkpoints and summaries, as TF's."""
        return self._worker_index == 0

    should_save_summary = should_checkpoint
    experimental_between_graph = property(lambda self: True)
    experimental_should_init = property(lambda self: True)


@_api.export("distribute.MultiWorkerMirroredStrategy")
class CollectiveAllReduceStrategy(distribute_lib.Strategy):
    """tf.distribute.MultiWorkerMirroredStrategy: synchronous replicas on every worker.

    Differences from TensorFlow: `communication_options` is accepted and not used (JAX's
    cross-process collectives, gloo on CPU); a cluster must be joined before any op runs."""

    def __init__(self, cluster_resolver=None, communication_options=None):
        if cluster_resolver is None:
            cluster_resolver = TFConfigClusterResolver()
        super().__init__(CollectiveAllReduceExtended(self, cluster_resolver,
                                                     communication_options))

    @property
    def cluster_resolver(self):
        return self._extended._cluster_resolver


class _ExperimentalMeta(type):
    def __instancecheck__(cls, instance):
        # TF: isinstance(tf.distribute.MultiWorkerMirroredStrategy(), this class) is True.
        return isinstance(instance, CollectiveAllReduceStrategy)


@_api.export("distribute.experimental.MultiWorkerMirroredStrategy")
class _CollectiveAllReduceStrategyExperimental(CollectiveAllReduceStrategy,
                                               metaclass=_ExperimentalMeta):
    """tf.distribute.experimental.MultiWorkerMirroredStrategy (deprecated in TF): the strategy,
    with a CommunicationImplementation instead of CommunicationOptions."""

    def __init__(self, communication=collective_util.CommunicationImplementation.AUTO,
                 cluster_resolver=None):
        collective_util.deprecated(
            "_CollectiveAllReduceStrategyExperimental.__init__",
            "tensorflow.python.distribute.collective_all_reduce_strategy",
            "use distribute.MultiWorkerMirroredStrategy instead")
        super().__init__(cluster_resolver, collective_util.Options(implementation=communication))
