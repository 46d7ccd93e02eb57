"""tf.distribute.MultiWorkerMirroredStrategy (TF's collective_all_reduce_strategy.py):
MirroredStrategy over this worker's devices (its GPUs, else its first CPU, as TF picks them)
and, when TF_CONFIG names a cluster, across the cluster's workers."""

from __future__ import annotations

from .. import _api
from .._core import context, jax_internals, tf_logging
from . import distribute_lib
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
        if cluster_spec.jobs:
            raise NotImplementedError("MultiWorkerMirroredStrategy across workers (a cluster "
                                      "in TF_CONFIG) is not there yet")
        self._num_workers = 1
        if jax_internals.backends_started() and not context._started_by_listing[0]:
            # TF configures collective ops on its runtime, which ops already run have started.
            tf_logging.warning("Collective ops is not configured at program startup. Some "
                               "performance features may not be enabled.")
        super().__init__(container_strategy, _local_devices())

    def _in_multi_worker_mode(self):
        return self._num_workers > 1

    @property
    def worker_devices(self):
        return tuple(_canonical(d) for d in self._devices)

    parameter_devices = worker_devices

    experimental_between_graph = property(lambda self: True)
    experimental_should_init = property(lambda self: True)


@_api.export("distribute.MultiWorkerMirroredStrategy")
class CollectiveAllReduceStrategy(distribute_lib.Strategy):
    """tf.distribute.MultiWorkerMirroredStrategy: synchronous replicas on every worker.

    Differences from TensorFlow: `communication_options` is accepted and not used (JAX picks
    the collective implementation)."""

    def __init__(self, cluster_resolver=None, communication_options=None):
        if cluster_resolver is None:
            cluster_resolver = TFConfigClusterResolver()
        super().__init__(CollectiveAllReduceExtended(self, cluster_resolver,
                                                     communication_options))

    @property
    def cluster_resolver(self):
        return self._extended._cluster_resolver
